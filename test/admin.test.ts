import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateArticle } from '../src/app/articles/update-article.js';
import { setupLinkIfNeeded } from '../src/app/auth/setup.js';
import { USER_ROLES, type Author, type UserRole } from '../src/domain/article.js';
import { can } from '../src/domain/permissions.js';
import type { DiscussionItem } from '../src/domain/discussion-item.js';
import { ADMIN_ROUTES } from '../src/web/admin/routes.js';
import { AdminClient, aHeldComment, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';
import { editorForm } from './support/editor-kit.js';
import { pngWithAlpha } from './support/media-files.js';

/** A real image posted as the upload form would post it. */
async function anUpload(browser: AdminClient, path: string): Promise<Response> {
  const form = new FormData();
  form.append('_csrf', await browser.csrfFrom('/admin/'));
  form.append('next', '/admin/articles/new');
  form.append('file', new Blob([new Uint8Array(await pngWithAlpha(64, 48))]), 'matrix.png');
  return browser.send(path, { method: 'POST', body: form });
}

let now = new Date('2026-12-02T09:00:00.000Z');
const clock = () => now;
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

describeEachDialect('admin: first run, sign-in, CSRF and sessions', (dialect) => {
  let site: SiteHarness;
  beforeAll(async () => {
    site = await startSite(dialect, { clock });
  });
  afterAll(() => site?.close());

  it('a site with no owner gives a one-time setup link that creates the owner and signs them in', async () => {
    const link = await setupLinkIfNeeded(site.rt.deps);
    expect(link).toMatch(/^\/admin\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(`http://x${link}`).searchParams.get('token') ?? '';
    const browser = new AdminClient(site.base);
    const csrf = await browser.csrfFrom(link ?? '');

    const short = await browser.post('/admin/setup', {
      _csrf: csrf,
      token,
      name: 'Owner',
      email: 'owner@news.test',
      password: 'short',
    });
    expect(short.status).toBe(400);
    const again = await short.text();
    expect(again).toContain('value="owner@news.test"');
    expect(again).toContain('Owner');

    const made = await browser.post('/admin/setup', {
      _csrf: csrf,
      token,
      name: 'Owner',
      email: 'owner@news.test',
      password: PASSWORD,
    });
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/admin/');
    const cookie = made.headers.getSetCookie().find((c) => c.startsWith('nd_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/admin/i);
    const dashboard = await browser.get('/admin/');
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('cache-control')).toBe('no-store');
    expect(await dashboard.text()).toContain('Dashboard');

    const stranger = new AdminClient(site.base);
    const reuse = await stranger.post('/admin/setup', {
      _csrf: await stranger.csrfFrom('/admin/login'),
      token,
      name: 'Mallory',
      email: 'mallory@evil.test',
      password: PASSWORD,
    });
    expect(reuse.status).toBe(409);
    expect(await site.rt.deps.repos.users.findByEmail('mallory@evil.test')).toBeUndefined();
    expect(await setupLinkIfNeeded(site.rt.deps)).toBeNull();
  });

  it('a wrong password is refused, the sixth failure in 15 minutes is throttled, and the limit passes', async () => {
    const editor = await aUser(site.rt.deps, 'editor');
    const browser = new AdminClient(site.base);
    for (let i = 0; i < 5; i++) {
      const res = await browser.signIn(editor.email, 'not the password');
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('do not match');
      expect(html).toContain(`value="${editor.email}"`);
    }
    const throttled = await browser.signIn(editor.email, PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
    expect(browser.cookie('nd_session')).toBeUndefined();
    advance(16 * 60 * 1000);
    const ok = await browser.signIn(editor.email, PASSWORD);
    expect(ok.status).toBe(303);
    expect(browser.cookie('nd_session')).toBeDefined();
    const failures = await site.rt.deps.repos.audit.list({ action: 'auth.sign-in-failed' });
    expect(failures.filter((e) => e.subject === editor.email)).toHaveLength(5);
  });

  it('an unknown account and a user with no password are refused the same way', async () => {
    const author = await anAuthor(site.rt.deps, 'No Password');
    for (const email of ['nobody@news.test', author.email]) {
      const res = await new AdminClient(site.base).signIn(email, PASSWORD);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('do not match');
    }
  });

  it('a form post without the CSRF token, with another token, or from another site changes nothing', async () => {
    const moderator = await aUser(site.rt.deps, 'moderator');
    const author = await anAuthor(site.rt.deps, 'Csrf Author');
    const { article } = await anArticle(site.rt.deps, author);
    const held = await aHeldComment(site.rt.deps, article.id);
    const browser = new AdminClient(site.base);
    await browser.signIn(moderator.email, PASSWORD);
    const csrf = await browser.csrfFrom('/admin/moderation');
    const one = `${held.id}:approved`;
    expect((await browser.post('/admin/moderation', { one })).status).toBe(403);
    expect((await browser.post('/admin/moderation', { one, _csrf: 'x'.repeat(43) })).status).toBe(
      403,
    );
    const crossSite = await browser.post(
      '/admin/moderation',
      { one, _csrf: csrf },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await site.rt.deps.repos.discussion.findById(held.id))?.status).toBe('pending');
    const real = await browser.post('/admin/moderation', { one, _csrf: csrf });
    expect(real.status).toBe(303);
    expect((await site.rt.deps.repos.discussion.findById(held.id))?.status).toBe('approved');
  });

  it('hostile form input gets a clear answer: oversized bodies, wrong content types, junk ids', async () => {
    const moderator = await aUser(site.rt.deps, 'moderator');
    const browser = new AdminClient(site.base);
    await browser.signIn(moderator.email, PASSWORD);
    const csrf = await browser.csrfFrom('/admin/moderation');
    const big = await browser.post('/admin/moderation', { _csrf: csrf, pad: 'x'.repeat(270_000) });
    expect(big.status).toBe(413);
    const json = await fetch(`${site.base}/admin/moderation`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `nd_session=${browser.cookie('nd_session')}`,
      },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const junk = await browser.post('/admin/moderation', {
      _csrf: csrf,
      ids: ['1; drop table users', '-5', '99999999'],
      to: 'approved',
      bulk: '1',
    });
    expect(junk.status).toBe(303);
    expect(junk.headers.get('location')).toContain('done=0');
    const badStatus = await browser.post('/admin/moderation', { _csrf: csrf, one: '1:published' });
    expect(badStatus.status).toBe(400);
    expect(await badStatus.text()).toContain('Unknown status: published');
    const unknown = await browser.post('/admin/moderation', {
      _csrf: csrf,
      ids: ['1'],
      to: 'burn',
      bulk: '1',
    });
    expect(unknown.status).toBe(400);
    const next = await new AdminClient(site.base).get('/admin/login?next=//evil.example/');
    expect(await next.text()).toContain('name="next" value="/admin/"');
  });

  it('sign out ends the session; sign out everywhere ends every session of the user', async () => {
    const editor = await aUser(site.rt.deps, 'editor');
    const phone = new AdminClient(site.base);
    const laptop = new AdminClient(site.base);
    await phone.signIn(editor.email, PASSWORD);
    await laptop.signIn(editor.email, PASSWORD);
    const stolen = phone.cookie('nd_session');
    await phone.post('/admin/logout', { _csrf: await phone.csrfFrom('/admin/') });
    const replay = await fetch(`${site.base}/admin/`, {
      redirect: 'manual',
      headers: { cookie: `nd_session=${stolen}` },
    });
    expect(replay.status).toBe(303);
    expect((await laptop.get('/admin/')).status).toBe(200);

    const tablet = new AdminClient(site.base);
    await tablet.signIn(editor.email, PASSWORD);
    await laptop.post('/admin/logout-everywhere', { _csrf: await laptop.csrfFrom('/admin/') });
    expect((await laptop.get('/admin/')).status).toBe(303);
    expect((await tablet.get('/admin/')).status).toBe(303);
  });

  it('a session left idle for more than a week has expired', async () => {
    const editor = await aUser(site.rt.deps, 'editor');
    const browser = new AdminClient(site.base);
    await browser.signIn(editor.email, PASSWORD);
    advance(8 * 24 * 60 * 60 * 1000);
    const res = await browser.get('/admin/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2F');
  });
});

describeEachDialect('admin: the role matrix on every route', (dialect) => {
  let site: SiteHarness;
  const users = new Map<UserRole, Author>();
  let heldArticle = 0;
  /** A draft with every role's user on its byline: `:id` in a path, so "-own" is each one's. */
  let ownArticle = 0;
  beforeAll(async () => {
    site = await startSite(dialect, { clock });
    for (const role of USER_ROLES) users.set(role, await aUser(site.rt.deps, role));
    const { article } = await anArticle(site.rt.deps, await anAuthor(site.rt.deps, 'Matrix'));
    heldArticle = article.id;
    // Every role holds a byline (in revision 2), so "-own" permissions decide per-article routes.
    const everyone = [...users.values()].map((u) => u.id);
    const saved = await updateArticle(site.rt.deps, {
      articleId: article.id,
      editorId: article.authorId,
      changes: { bylines: [article.authorId, ...everyone] },
    });
    expect(saved.ok).toBe(true);
    const [owner, ...others] = USER_ROLES.map((role) => users.get(role) as Author);
    const shared = await anArticle(site.rt.deps, owner as Author, {
      title: 'Everyone’s draft',
      coAuthorIds: others.map((u) => u.id),
      publish: { kind: 'draft' },
    });
    ownArticle = shared.article.id;
  });
  /** The editor's routes act on the shared draft (editing a live article needs the publish right). */
  const isEditorRoute = (path: string) =>
    /^\/articles\/(?:new|:id\/(?:edit|preview|autosave))$|^\/preview$/.test(path);
  /**
   * A route's path with `:id` and `:rev` made real: the shared draft for the editor's routes, the
   * matrix article (and its latest revision) for the others.
   */
  const concrete = (path: string) =>
    path
      .replace(':id', String(isEditorRoute(path) ? ownArticle : heldArticle))
      .replace(':rev', '2');
  afterAll(() => site?.close());

  let made = 0;
  const approve = (item: DiscussionItem) =>
    site.rt.deps.repos.discussion.setStatus(item, 'approved', 'test', null, now);
  const body = (path: string): Record<string, string | string[]> =>
    path === '/moderation'
      ? { to: 'approved', bulk: '1' }
      : path === '/fediverse'
        ? { op: 'block', value: `matrix${++made}.example` }
        : path === '/terms'
          ? { op: 'create', kind: 'tag', name: `matrix ${++made}` }
          : path === '/users'
            ? {
                op: 'add',
                email: `m${++made}@example.org`,
                name: 'M',
                role: 'author',
                password: PASSWORD,
              }
            : path === '/tokens'
              ? { op: 'create', name: `matrix ${++made}`, scopes: 'read' }
              : isEditorRoute(path)
                ? editorForm('', {
                    title: 'Everyone’s draft',
                    author: String([...users.values()][0]?.id),
                    coauthors: [...users.values()].slice(1).map((u) => String(u.id)),
                  })
                : {};

  for (const route of ADMIN_ROUTES.filter((r) => r.action !== null)) {
    it(`${route.method} /admin${route.path} answers each role as the matrix says`, async () => {
      for (const role of USER_ROLES) {
        const browser = new AdminClient(site.base);
        expect((await browser.signIn(users.get(role)?.email ?? '', PASSWORD)).status).toBe(303);
        const held = await aHeldComment(site.rt.deps, heldArticle);
        const path = `/admin${concrete(route.path)}`;
        const res =
          route.method === 'GET'
            ? await browser.get(path)
            : route.path === '/media/upload'
              ? await anUpload(browser, path)
              : await browser.post(path, {
                  ...body(route.path),
                  ...(route.path === '/moderation' ? { ids: String(held.id) } : {}),
                  ...(route.path === '/moderation/reply'
                    ? { item: String((await approve(held)).id), body: 'A matrix reply' }
                    : {}),
                  _csrf: await browser.csrfFrom('/admin/'),
                });
        const allowed = can(role, route.action);
        if (allowed) expect([200, 303], `${role} on ${route.method} ${path}`).toContain(res.status);
        else expect(res.status, `${role} on ${route.method} ${path}`).toBe(403);
        if (route.path === '/moderation' && route.method === 'POST') {
          const after = await site.rt.deps.repos.discussion.findById(held.id);
          expect(after?.status).toBe(allowed ? 'approved' : 'pending');
        }
      }
    });
  }

  it('signed out, every protected page sends the reader to sign in and every post is refused', async () => {
    for (const route of ADMIN_ROUTES.filter((r) => r.action !== null)) {
      const browser = new AdminClient(site.base);
      const path = `/admin${concrete(route.path)}`;
      if (route.method === 'GET') {
        const res = await browser.get(path);
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
      } else {
        const csrf = await browser.csrfFrom('/admin/login');
        expect((await browser.post(path, { _csrf: csrf })).status).toBe(401);
      }
    }
  });
});
