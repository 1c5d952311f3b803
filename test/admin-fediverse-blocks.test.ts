/** /admin/fediverse over HTTP: the blocklists listed, an entry added and removed by POST then 303. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listFediverseBlocks } from '../src/app/fediverse/blocks.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('admin: fediverse blocklists', (dialect) => {
  let site: SiteHarness;
  let browser: AdminClient;
  let csrf = '';
  beforeAll(async () => {
    site = await startSite(dialect, {});
    const editor = await aUser(site.rt.deps, 'editor');
    browser = new AdminClient(site.base);
    expect((await browser.signIn(editor.email, PASSWORD)).status).toBe(303);
    csrf = await browser.csrfFrom('/admin/fediverse');
  });
  afterAll(() => site?.close());

  const post = (fields: Record<string, string>) =>
    browser.post('/admin/fediverse', { _csrf: csrf, ...fields });

  it('blocks an instance and an actor, lists them, and unblocks one, each by POST then 303', async () => {
    const instance = await post({ op: 'block', value: 'Social.Example' });
    expect(instance.status).toBe(303);
    expect(instance.headers.get('location')).toBe('/admin/fediverse?done=blocked');
    const actor = await post({ op: 'block', value: 'https://troll.example/users/t' });
    expect(actor.status).toBe(303);
    expect(await listFediverseBlocks(site.rt.deps)).toEqual({
      instances: ['social.example'],
      actors: ['https://troll.example/users/t'],
    });
    const page = await (await browser.get('/admin/fediverse?done=blocked')).text();
    expect(page).toContain('Blocked. What they had left here is hidden.');
    expect(page).toContain('<code>social.example</code>');
    expect(page).toContain('<code>https://troll.example/users/t</code>');
    const again = await post({ op: 'block', value: 'social.example' });
    expect(again.headers.get('location')).toBe('/admin/fediverse?done=unchanged');
    const un = await post({ op: 'unblock', value: 'social.example' });
    expect(un.headers.get('location')).toBe('/admin/fediverse?done=unblocked');
    expect((await listFediverseBlocks(site.rt.deps)).instances).toEqual([]);
    const audit = await site.rt.deps.repos.audit.list({ limit: 10 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['fediverse.block', 'fediverse.unblock']),
    );
  });

  it('refuses bad input with a clear message, escaped, and changes nothing', async () => {
    const before = await listFediverseBlocks(site.rt.deps);
    const hostile = '<script>alert(1)</script>';
    const bad = await post({ op: 'block', value: hostile });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('name an instance');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert');
    for (const fields of [
      { op: 'block', value: '' },
      { op: 'block', value: 'x'.repeat(3000) },
      { op: 'block', value: 'javascript:alert(1)' },
      { op: 'explode', value: 'social.example' },
      { op: 'unblock', value: 'not a domain' },
    ])
      expect((await post(fields)).status, JSON.stringify(fields)).toBe(400);
    expect(await listFediverseBlocks(site.rt.deps)).toEqual(before);
  });

  it('refuses a post without the form token, and a moderator or author cannot open the screen', async () => {
    expect(
      (await browser.post('/admin/fediverse', { op: 'block', value: 'a.example' })).status,
    ).toBe(403);
    for (const role of ['moderator', 'author'] as const) {
      const user = await aUser(site.rt.deps, role);
      const other = new AdminClient(site.base);
      await other.signIn(user.email, PASSWORD);
      expect((await other.get('/admin/fediverse')).status, role).toBe(403);
    }
    expect((await listFediverseBlocks(site.rt.deps)).instances).not.toContain('a.example');
  });
});
