import { afterAll, beforeAll, expect, it } from 'vitest';
import { changeSettings, showSettings } from '../src/app/settings/manage-settings.js';
import { loadSiteSettings } from '../src/app/site-settings.js';
import type { Author } from '../src/domain/article.js';
import { permalinkPath } from '../src/domain/permalink.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { asRecord, formFields, withFields } from './support/form-fields.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const T0 = new Date('2026-12-02T09:00:00.000Z');
let now = T0;
const clock = () => now;
const DAY = 86_400_000;

const DISCUSSION = '/admin/settings/discussion';
const SITE = '/admin/settings/site';

describeEachDialect('admin: discussion and site settings', (dialect) => {
  let site: SiteHarness;
  let owner: Author;
  let editor: Author;
  let writer: Author;
  let n = 0;
  beforeAll(async () => {
    now = T0;
    site = await startSite(dialect, { clock });
    owner = await aUser(site.rt.deps, 'owner');
    editor = await aUser(site.rt.deps, 'editor');
    writer = await anAuthor(site.rt.deps, 'Settings Writer');
  });
  afterAll(() => site?.close());

  const signedIn = async (user: Author) => {
    const browser = new AdminClient(site.base);
    expect((await browser.signIn(user.email, PASSWORD)).status).toBe(303);
    return browser;
  };

  /** Loads the form as a browser would, changes some fields, and posts it all back. */
  const submit = async (browser: AdminClient, path: string, change: Record<string, string>) => {
    const html = await (await browser.get(path)).text();
    return browser.post(path, asRecord(withFields(formFields(html, path), change)));
  };

  const story = async (daysAgo: number, over: Record<string, unknown> = {}) => {
    const publishedAt = new Date(now.getTime() - daysAgo * DAY);
    const { article } = await anArticle(site.rt.deps, writer, {
      title: `Settings story ${++n}`,
      publishedAt,
      ...over,
    });
    return { article, path: permalinkPath(article.slug, publishedAt, 'Europe/London') };
  };

  const settingsAudit = () => site.rt.deps.repos.audit.list({ action: 'settings.change' });

  it('the discussion form posted back as loaded changes nothing and records nothing', async () => {
    const browser = await signedIn(editor);
    const page = await browser.get(DISCUSSION);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Close comments this many days after publication');
    expect(html).not.toContain('name="description"'); // the site's own settings are the owner's
    const before = (await settingsAudit()).length;
    const res = await submit(browser, DISCUSSION, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${DISCUSSION}?changed=0`);
    expect(await (await browser.get(`${DISCUSSION}?changed=0`)).text()).toContain(
      'Nothing changed.',
    );
    expect(await settingsAudit()).toHaveLength(before);
  });

  it('auto-close after N days closes comments on an older article and leaves a newer one open, each gate on its own', async () => {
    const old = await story(10);
    const recent = await story(2);
    expect(await (await site.get(old.path)).text()).toContain(
      'Comments, trackbacks and pingbacks are open.',
    );
    const browser = await signedIn(editor);
    const res = await submit(browser, DISCUSSION, { 'discussion.closeCommentsAfterDays': '7' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${DISCUSSION}?changed=1`);
    expect(await (await site.get(old.path)).text()).toContain(
      'Comments are closed, but trackbacks and pingbacks are open.',
    );
    expect(await (await site.get(recent.path)).text()).toContain(
      'Comments, trackbacks and pingbacks are open.',
    );

    await submit(browser, DISCUSSION, { 'discussion.closeLinkbacksAfterDays': '5' });
    expect(await (await site.get(old.path)).text()).toContain(
      'Comments, trackbacks and pingbacks are closed.',
    );
    const [entry] = await settingsAudit();
    expect(entry?.actor).toBe(`user:${editor.id} (${editor.email})`);
    expect(entry?.ip).toBe('127.0.0.1');
    expect(entry?.createdAt.toISOString()).toBe(now.toISOString());
    expect(entry?.detail).toEqual({
      changes: { 'discussion.closeLinkbacksAfterDays': { before: null, after: 5 } },
    });

    // Emptying the field turns the rule off again.
    await submit(browser, DISCUSSION, {
      'discussion.closeCommentsAfterDays': '',
      'discussion.closeLinkbacksAfterDays': '',
    });
    expect(await (await site.get(old.path)).text()).toContain(
      'Comments, trackbacks and pingbacks are open.',
    );
    const form = await (await browser.get(DISCUSSION)).text();
    expect(form).toMatch(/name="discussion\.closeCommentsAfterDays" value=""/);
  });

  it('the defaults decide the switches of a new article', async () => {
    const browser = await signedIn(editor);
    await submit(browser, DISCUSSION, { 'discussion.commentsOpenByDefault': 'off' });
    const { path } = await story(0, { comments: undefined });
    expect(await (await site.get(path)).text()).toContain(
      'Comments are closed, but trackbacks and pingbacks are open.',
    );
    const html = await (await browser.get(DISCUSSION)).text();
    expect(html).toMatch(
      /id="s-discussion-commentsOpenByDefault" type="checkbox"[^>]*value="on"\/>/,
    );
    expect(html).not.toMatch(/id="s-discussion-commentsOpenByDefault"[^>]*checked/);
    await submit(browser, DISCUSSION, { 'discussion.commentsOpenByDefault': 'on' });
    expect((await loadSiteSettings(site.rt.deps.repos.settings)).discussion).toMatchObject({
      commentsOpenByDefault: true,
    });
  });

  it('a block word sends a comment to spam, a moderation word holds one, and others are approved', async () => {
    const browser = await signedIn(editor);
    const res = await submit(browser, DISCUSSION, {
      'comments.blockWords': 'casino\r\nlottery\r\n\r\ncasino',
      'comments.moderationWords': 'refund',
      'comments.holdFirstTimeAuthors': 'off',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${DISCUSSION}?changed=3`);
    const s = await loadSiteSettings(site.rt.deps.repos.settings);
    expect(s.comments.blockWords).toEqual(['casino', 'lottery']);
    const [entry] = await settingsAudit();
    expect(entry?.detail).toMatchObject({
      changes: {
        'comments.blockWords': { added: ['casino', 'lottery'], removed: [], entries: 2 },
        'comments.holdFirstTimeAuthors': { before: true, after: false },
      },
    });

    const { article, path } = await story(0);
    const comment = async (text: string) => {
      const html = await (await site.get(path)).text();
      const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';
      now = new Date(now.getTime() + 5000);
      const posted = await site.get(`/comments/${article.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'Reader', email: 'r@example.org', url: '', token, text }),
      });
      expect(posted.status).toBe(303);
      const rows = await site.rt.deps.repos.discussion.list({ articleId: article.id, limit: 100 });
      return rows.find((r) => String(r.contentHtml).includes(text))?.status;
    };
    expect(await comment('Win at the casino today')).toBe('spam');
    expect(await comment('I want a refund please')).toBe('pending');
    expect(await comment('A thoughtful reply')).toBe('approved');
  });

  it('bad input comes back with everything as typed and a message on each field, and saves nothing', async () => {
    const browser = await signedIn(editor);
    const before = await showSettings(site.rt.deps);
    const audited = (await settingsAudit()).length;
    const hostile = '</textarea><script>alert(1)</script>';
    const long = 'x'.repeat(600);
    const res = await submit(browser, DISCUSSION, {
      'comments.maxDepth': 'deep',
      'comments.perPage': '0',
      'discussion.closeCommentsAfterDays': '-3',
      'comments.blockWords': `fine\n${long}`,
      'comments.moderationWords': hostile,
      'comments.order': 'sideways',
      'comments.holdAll': 'on',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('expected a whole number');
    expect(html).toContain('at least 1');
    expect(html).toContain('line 2: at most 500 characters');
    expect(html).toContain('expected one of: oldest, newest');
    expect(html).toContain('nothing was saved');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('value="deep"');
    expect(html).toContain(long);
    expect(html).toMatch(/id="s-comments-holdAll" type="checkbox"[^>]*checked/);
    const fields = formFields(html, DISCUSSION);
    expect(fields).toContainEqual(['comments.moderationWords', hostile]);
    expect(await showSettings(site.rt.deps)).toEqual(before);
    expect(await settingsAudit()).toHaveLength(audited);
  });

  it('fields of another section or kept elsewhere are not changed through the discussion form', async () => {
    const browser = await signedIn(editor);
    const before = await showSettings(site.rt.deps);
    const res = await submit(browser, DISCUSSION, {
      description: 'Taken over',
      'fediverse.blockInstances': 'social.example',
    });
    expect(res.status).toBe(303);
    const after = await showSettings(site.rt.deps);
    expect(after.description).toBe(before.description);
    expect(after.fediverse.blockInstances).toEqual(before.fediverse.blockInstances);
  });

  it('the owner changes the site settings and the public pages follow', async () => {
    await story(1);
    await story(1);
    const browser = await signedIn(owner);
    const res = await submit(browser, SITE, {
      description: 'Local news & views, <checked>',
      postsPerPage: '1',
      logoUrl: '/assets/masthead.png',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${SITE}?changed=3`);
    const home = await (await site.get('/')).text();
    expect(home).toContain('Local news &amp; views, &lt;checked&gt;');
    expect(home.match(/<li class="story h-entry">/g) ?? []).toHaveLength(1);
    const [entry] = await settingsAudit();
    expect(entry?.actor).toBe(`user:${owner.id} (${owner.email})`);
    expect(entry?.detail).toMatchObject({
      changes: {
        postsPerPage: { before: 10, after: 1 },
        logoUrl: { before: '/assets/logo.png', after: '/assets/masthead.png' },
      },
    });
  });

  it('a hostile logo URL or an overlong description is refused with the text kept', async () => {
    const browser = await signedIn(owner);
    const long = 'd'.repeat(5000);
    const res = await submit(browser, SITE, {
      description: long,
      logoUrl: 'javascript:alert(1)',
      postsPerPage: '1e3',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('at most 300 characters');
    expect(html).toContain('an absolute http(s) URL or a path starting with /');
    expect(html).toContain('expected a whole number');
    expect(html).toContain(long);
    expect(html).toContain('value="javascript:alert(1)"');
    expect((await showSettings(site.rt.deps)).logoUrl).toBe('/assets/masthead.png');
  });

  it('an editor may not open or post the site settings, an author neither settings page, and nothing changes', async () => {
    const before = await showSettings(site.rt.deps);
    const asEditor = await signedIn(editor);
    expect((await asEditor.get(SITE)).status).toBe(403);
    const csrf = await asEditor.csrfFrom(DISCUSSION);
    expect((await asEditor.post(SITE, { _csrf: csrf, postsPerPage: '50' })).status).toBe(403);
    const author = await signedIn(await aUser(site.rt.deps, 'author'));
    expect((await author.get(DISCUSSION)).status).toBe(403);
    const moderator = await signedIn(await aUser(site.rt.deps, 'moderator'));
    expect((await moderator.get(DISCUSSION)).status).toBe(403);
    const ownCsrf = await moderator.csrfFrom('/admin/');
    const posted = await moderator.post(DISCUSSION, { _csrf: ownCsrf, 'comments.holdAll': 'on' });
    expect(posted.status).toBe(403);
    expect(await showSettings(site.rt.deps)).toEqual(before);
  });

  it('the use case itself refuses a role the matrix does not allow, whoever calls it', async () => {
    const r = await changeSettings(site.rt.deps, editor, { postsPerPage: 20 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
    const typed = await changeSettings(site.rt.deps, editor, { 'comments.maxDepth': '3' });
    expect(typed.ok).toBe(false); // a JSON caller sends numbers, not text
    if (!typed.ok) expect(typed.error.fields).toEqual({ 'comments.maxDepth': 'expected number' });
    const unknown = await changeSettings(site.rt.deps, 'cli', { 'comments.nope': 1 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.fields).toEqual({ 'comments.nope': 'no such setting' });
  });

  it('a form larger than the admin accepts is refused whole', async () => {
    const browser = await signedIn(editor);
    const csrf = await browser.csrfFrom(DISCUSSION);
    const res = await browser.post(DISCUSSION, {
      _csrf: csrf,
      'comments.blockWords': 'w\n'.repeat(200_000),
    });
    expect(res.status).toBe(413);
    expect((await showSettings(site.rt.deps)).comments.blockWords).toEqual(['casino', 'lottery']);
  });
});
