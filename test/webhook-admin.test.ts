/**
 * /admin/webhooks in a real server: the owner adds a hook (its secret shown once), sees its
 * deliveries with their results, sends one again and removes it; hostile form fields and query
 * strings get a clear error and store nothing. Who may enter is the role-matrix test's business
 * (test/admin.test.ts walks ADMIN_ROUTES).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { testDialects } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const [sqlite] = testDialects();
if (!sqlite) throw new Error('SQLite is always available');

describe('admin: webhooks', () => {
  let site: SiteHarness;
  let owner: AdminClient;
  beforeAll(async () => {
    site = await startSite(sqlite);
    const user = await aUser(site.rt.deps, 'owner');
    owner = new AdminClient(site.base);
    expect((await owner.signIn(user.email, PASSWORD)).status).toBe(303);
  });
  afterAll(() => site?.close());

  const post = async (fields: Record<string, string | string[]>) =>
    owner.post('/admin/webhooks', { ...fields, _csrf: await owner.csrfFrom('/admin/webhooks') });

  it('adds a hook and shows its secret once, lists its deliveries, sends one again and removes it', async () => {
    const added = await post({
      op: 'add',
      url: 'https://hooks.example.org/in',
      events: ['article.published', 'discussion.held'],
      description: 'Slack <b>bridge</b>',
    });
    expect(added.status).toBe(200);
    const html = await added.text();
    const secret = /<code>(whsec_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1];
    expect(secret).toBeDefined();
    expect(html).toContain('Slack &lt;b&gt;bridge&lt;/b&gt;');
    const listed = await (await owner.get('/admin/webhooks')).text();
    expect(listed).toContain('https://hooks.example.org/in');
    expect(listed).not.toContain(secret ?? 'none');

    const [hook] = await site.rt.deps.repos.webhooks.list();
    await anArticle(site.rt.deps, await anAuthor(site.rt.deps));
    const deliveries = await owner.get(`/admin/webhooks/deliveries?hook=${hook?.id}`);
    expect(deliveries.status).toBe(200);
    const page = await deliveries.text();
    expect(page).toContain('article.published');
    expect(page).toContain('queued');
    const [d] = await site.rt.deps.repos.webhooks.listDeliveries({ limit: 1 });
    const again = await post({ op: 'redeliver', delivery: String(d?.id) });
    expect(again.status).toBe(303);
    expect(await site.rt.deps.repos.webhooks.listDeliveries({ limit: 10 })).toHaveLength(2);

    const removed = await post({ op: 'remove', id: String(hook?.id) });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/admin/webhooks?done=removed');
    expect(await site.rt.deps.repos.webhooks.list()).toEqual([]);
  });

  it('refuses hostile form fields and query strings with a clear error, keeping what was typed', async () => {
    const bad = await post({
      op: 'add',
      url: 'javascript:alert(1)',
      events: ['article.published'],
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('http or https');
    expect(html).toContain('value="javascript:alert(1)"');
    expect(html).toMatch(/value="article.published" checked/);
    const cases: Record<string, string | string[]>[] = [
      { op: 'add', url: 'https://x.example/', events: [] },
      { op: 'add', url: 'https://x.example/', events: ['<script>alert(1)</script>'] },
      { op: 'add', url: `https://x.example/${'a'.repeat(5000)}`, events: ['*'] },
      { op: 'add', url: 'https://x.example/', events: ['*'], description: 'd'.repeat(300) },
      { op: 'remove', id: '1 or 1=1' },
      { op: 'remove', id: '999999' },
      { op: 'enable', id: '-1' },
      { op: 'redeliver', delivery: '../../etc/passwd' },
      { op: 'redeliver', delivery: '424242' },
      { op: 'explode' },
    ];
    for (const fields of cases) {
      const res = await post(fields);
      expect([400, 404], JSON.stringify(fields).slice(0, 80)).toContain(res.status);
      const text = await res.text();
      expect(text).toContain('role="alert"');
      expect(text).not.toContain('<script>alert(1)</script>');
    }
    expect(await site.rt.deps.repos.webhooks.list()).toEqual([]);
    expect((await owner.get('/admin/webhooks/deliveries?hook=abc')).status).toBe(400);
    expect((await owner.get('/admin/webhooks/deliveries?hook=777')).status).toBe(404);
    // A post without the CSRF field is refused before any use case runs.
    const forged = await owner.post('/admin/webhooks', {
      op: 'add',
      url: 'https://x.example/',
      events: ['*'],
    });
    expect(forged.status).toBe(403);
    expect(await site.rt.deps.repos.webhooks.list()).toEqual([]);
  });
});
