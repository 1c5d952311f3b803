/** /admin/users over HTTP: add, change a role, disable; refused forms keep their content. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAudit } from '../src/app/auth/audit.js';
import type { Author } from '../src/domain/article.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('admin: users', (dialect) => {
  let site: SiteHarness;
  let owner: Author;
  let browser: AdminClient;
  let csrf = '';
  beforeAll(async () => {
    site = await startSite(dialect, {});
    owner = await aUser(site.rt.deps, 'owner', 'Olga Owner');
    browser = new AdminClient(site.base);
    expect((await browser.signIn(owner.email, PASSWORD)).status).toBe(303);
    csrf = await browser.csrfFrom('/admin/users');
  });
  afterAll(() => site?.close());

  const post = (fields: Record<string, string>) =>
    browser.post('/admin/users', { _csrf: csrf, ...fields });

  it('adds a user who can sign in, changes their role (ending their session) and disables them', async () => {
    const add = await post({
      op: 'add',
      email: 'new@example.org',
      name: 'New Person',
      role: 'author',
      password: PASSWORD,
    });
    expect(add.headers.get('location')).toBe('/admin/users?done=added');
    const them = new AdminClient(site.base);
    expect((await them.signIn('new@example.org', PASSWORD)).status).toBe(303);
    const user = await site.rt.deps.repos.users.findByEmail('new@example.org');
    const role = await post({ op: 'role', id: String(user?.id), role: 'editor' });
    expect(role.status).toBe(303);
    expect((await site.rt.deps.repos.users.findById(user?.id ?? 0))?.role).toBe('editor');
    expect((await them.get('/admin/')).status).toBe(303);
    expect((await post({ op: 'disable', id: String(user?.id) })).status).toBe(303);
    expect((await them.signIn('new@example.org', PASSWORD)).status).not.toBe(303);
    const [entry] = await listAudit(site.rt.deps, { action: 'user.role' });
    expect(entry?.actor).toBe(`user:${owner.id} (${owner.email})`);
  });

  it('the last owner keeps the role, with a clear message on the page', async () => {
    const r = await post({ op: 'role', id: String(owner.id), role: 'editor' });
    expect(r.status).toBe(409);
    expect(await r.text()).toContain('this is the last owner');
    expect((await site.rt.deps.repos.users.findById(owner.id))?.role).toBe('owner');
  });

  it('a refused add form comes back with what was typed, escaped, and the message', async () => {
    const hostile = '"><script>alert(1)</script>';
    const bad = await post({
      op: 'add',
      email: 'not-an-email',
      name: hostile,
      role: 'author',
      password: PASSWORD,
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('email: expected an email address');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain(PASSWORD);
    const long = await post({
      op: 'add',
      email: 'long@example.org',
      name: 'n'.repeat(5000),
      role: 'author',
      password: PASSWORD,
    });
    expect(long.status).toBe(400);
    for (const fields of <Record<string, string>[]>[
      { op: 'add', email: 'x@example.org', name: 'X', role: 'god', password: PASSWORD },
      { op: 'role', id: 'abc', role: 'editor' },
      { op: 'role', id: String(owner.id), role: 'root' },
      { op: 'disable', id: '0' },
      { op: 'nuke' },
    ])
      expect((await post(fields)).status, JSON.stringify(fields)).toBe(400);
    expect(await site.rt.deps.repos.users.findByEmail('x@example.org')).toBeUndefined();
  });
});
