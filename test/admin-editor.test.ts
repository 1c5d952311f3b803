/**
 * The article editor over HTTP, with JavaScript off: write, preview, publish, schedule, close
 * comments and see it on the public page; bad input comes back with everything kept.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Author } from '../src/domain/article.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import {
  editedId,
  editorForm,
  formValues,
  postJson,
  publicBodyHtml,
  revisionIn,
} from './support/editor-kit.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const now = new Date('2026-12-02T09:00:00.000Z');
const clock = () => now;

describeEachDialect('admin: the article editor', (dialect) => {
  let site: SiteHarness;
  let editor: Author;
  let browser: AdminClient;
  let csrf = '';
  beforeAll(async () => {
    site = await startSite(dialect, { clock });
    editor = await aUser(site.rt.deps, 'editor', 'Edna Editor');
    browser = new AdminClient(site.base);
    expect((await browser.signIn(editor.email, PASSWORD)).status).toBe(303);
    csrf = await browser.csrfFrom('/admin/articles/new');
  });
  afterAll(() => site?.close());

  const form = (over: Record<string, string | string[]> = {}) =>
    editorForm(csrf, { author: String(editor.id), ...over });

  it('the form works without JavaScript and carries what the editor island reads', async () => {
    const res = await browser.get('/admin/articles/new');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /<textarea[^>]*id="body"[^>]*name="body"[^>]*data-editor="markdown"[^>]*data-preview-url="\/admin\/preview"[^>]*data-upload-url="\/admin\/media\/upload"[^>]*data-csrf="[^"]+"/,
    );
    expect(html).toContain('<div id="editor-preview" aria-live="polite"');
    expect(html).toContain('<p id="editor-status" role="status">');
    expect(html).toContain('name="action" value="preview"');
    // The only script is the built island, from our own origin: nothing inline.
    const scripts = html.match(/<script\b[^>]*>[^<]*<\/script>/gi) ?? [];
    for (const tag of scripts) {
      expect(tag).toMatch(/^<script type="module" src="\/admin\/assets\/[^"]+\.js"><\/script>$/);
    }
    expect(html.match(/<script/gi)?.length ?? 0).toBe(scripts.length);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('writes a draft, then publishes it, each by POST then 303, and the article is public', async () => {
    const draft = await browser.post(
      '/admin/articles/new',
      form({
        title: 'Council approves the budget',
        body: 'The council **approved** the budget on Tuesday.',
        categories: 'News/Local',
        tags: 'council, budget',
        standfirst: 'A late vote',
      }),
    );
    expect(draft.status).toBe(303);
    const id = editedId(draft);
    expect(draft.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=created`);
    const page = await (await browser.get(`/admin/articles/${id}/edit?done=created`)).text();
    expect(page).toContain('Draft saved.');
    const values = formValues(page);
    expect(values).toMatchObject({
      title: 'Council approves the budget',
      slug: 'council-approves-the-budget',
      standfirst: 'A late vote',
    });
    expect(values.tags?.split(', ').sort()).toEqual(['budget', 'council']);
    expect(values.categories).toContain('Local');
    expect((await site.rt.deps.repos.articles.findById(id))?.status).toBe('draft');

    const publish = await browser.post(
      `/admin/articles/${id}/edit`,
      form({ ...values, revision: revisionIn(page), action: 'publish' }),
    );
    expect(publish.status).toBe(303);
    expect(publish.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=published`);
    const article = await site.rt.deps.repos.articles.findById(id);
    expect(article?.status).toBe('published');
    const pub = await site.get('/2026/12/council-approves-the-budget/');
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain('<strong>approved</strong>');
  });

  it('closes the comments of a published article and the public page says so, linkbacks still open', async () => {
    const made = await browser.post(
      '/admin/articles/new',
      form({ title: 'Closing comments', action: 'publish' }),
    );
    const id = editedId(made);
    const page = await (await browser.get(`/admin/articles/${id}/edit`)).text();
    const values = formValues(page);
    const { comments: _open, ...rest } = form({ ...values, revision: revisionIn(page) });
    void _open;
    const saved = await browser.post(`/admin/articles/${id}/edit`, { ...rest, linkbacks: 'on' });
    expect(saved.status).toBe(303);
    const pub = await (await site.get('/2026/12/closing-comments/')).text();
    expect(pub).toContain('Comments are closed, but trackbacks and pingbacks are open.');
  });

  it('a comments close date typed in the site time zone closes them at that instant', async () => {
    const made = await browser.post(
      '/admin/articles/new',
      form({ title: 'Closing later', action: 'publish', comments_close_at: '2026-12-20T18:00' }),
    );
    expect(made.status).toBe(303);
    const article = await site.rt.deps.repos.articles.findById(editedId(made));
    expect(article?.comments.closesAt?.toISOString()).toBe('2026-12-20T18:00:00.000Z');
    const page = await (await browser.get(`/admin/articles/${article?.id}/edit`)).text();
    expect(formValues(page).comments_close_at).toBe('2026-12-20T18:00');
  });

  it('schedules an article at a date-time and it is not public before then', async () => {
    const made = await browser.post(
      '/admin/articles/new',
      form({ title: 'Embargoed report', action: 'schedule', publish_at: '2026-12-24T07:00' }),
    );
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toContain('done=scheduled');
    const article = await site.rt.deps.repos.articles.findById(editedId(made));
    expect(article?.status).toBe('scheduled');
    expect(article?.publishedAt?.toISOString()).toBe('2026-12-24T07:00:00.000Z');
    expect((await site.get('/2026/12/embargoed-report/')).status).toBe(404);
    const noTime = await browser.post(
      '/admin/articles/new',
      form({ title: 'No time given', action: 'schedule' }),
    );
    expect(noTime.status).toBe(400);
    expect(await noTime.text()).toContain('choose when to publish');
  });

  it('the preview is the published body: same renderer, same sanitiser, hostile markup gone', async () => {
    const body = [
      '# Heading',
      '',
      'Text with a [link](https://example.org/) and <script>alert(1)</script> inline.',
      '',
      '<img src="x" onerror="alert(2)"> <a href="javascript:alert(3)">bad</a>',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
    ].join('\n');
    const unsaved = await postJson(browser, '/admin/preview', { body }, csrf);
    expect(unsaved.status).toBe(200);
    const { html } = (await unsaved.json()) as { html: string };
    expect(html).toContain('<h1>Heading</h1>');
    expect(html).not.toMatch(/<script|onerror|javascript:/i);

    const made = await browser.post(
      '/admin/articles/new',
      form({ title: 'Preview equals page', body, action: 'publish' }),
    );
    const id = editedId(made);
    const page = await (await site.get('/2026/12/preview-equals-page/')).text();
    const saved = await postJson(browser, `/admin/articles/${id}/preview`, { body }, csrf);
    expect(((await saved.json()) as { html: string }).html).toBe(publicBodyHtml(page));
    expect(html).toBe(publicBodyHtml(page));
  });

  it('"Preview" without JavaScript comes back with the preview and every field kept, nothing saved', async () => {
    const before = await site.rt.deps.repos.articles.count();
    const res = await browser.post(
      '/admin/articles/new',
      form({ title: 'Only a preview', body: 'Some *emphasis*', tags: 'a, b', action: 'preview' }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<div id="editor-preview"[^>]*>\s*<p>Some <em>emphasis<\/em><\/p>/);
    expect(formValues(html)).toMatchObject({ title: 'Only a preview', tags: 'a, b' });
    expect(await site.rt.deps.repos.articles.count()).toBe(before);
  });

  it('bad input comes back with every field kept, escaped, and a message beside each bad one', async () => {
    const hostile = '"><script>alert(1)</script>';
    const res = await browser.post(
      '/admin/articles/new',
      form({
        title: '   ',
        slug: 'x'.repeat(201),
        body: `Body kept ${hostile}`,
        standfirst: hostile,
        publish_at: 'next tuesday',
        trackback_to: 'ftp://example.org/tb\nhttps://ok.example/tb',
        tags: 't'.repeat(101),
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Some fields need attention');
    expect(html).toMatch(/id="title-error"[^>]*>a title is required/);
    expect(html).toMatch(/id="slug-error"/);
    expect(html).toMatch(/id="publish_at-error"[^>]*>not a date and time/);
    expect(html).toMatch(/id="trackback_to-error"/);
    expect(html).toMatch(/id="tags-error"/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('<script>alert(1)');
    const kept = formValues(html);
    expect(kept.body).toBe(`Body kept ${hostile}`);
    expect(kept.standfirst).toBe(hostile);
    expect(kept.trackback_to).toBe('ftp://example.org/tb\nhttps://ok.example/tb');
    expect(kept.publish_at).toBe('next tuesday');
  });

  it('a body over 2,000,000 characters is refused with the text kept; a post past the limit gets a clear page', async () => {
    const big = 'word '.repeat(400_001);
    const res = await browser.post('/admin/articles/new', form({ title: 'Too long', body: big }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="body-error"[^>]*>the body is larger than 2 MB/);
    expect(formValues(html).body).toBe(big);
    expect(formValues(html).title).toBe('Too long');

    const huge = 'x'.repeat(40 * 1024 * 1024);
    const refused = await browser.post('/admin/articles/new', form({ title: 'Huge', body: huge }));
    expect(refused.status).toBe(413);
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    const page = await refused.text();
    expect(page).toContain('Too large to save');
    expect(page).toContain('your browser still has what you typed');
    const json = await postJson(
      browser,
      '/admin/preview',
      { body: 'y'.repeat(9 * 1024 * 1024) },
      csrf,
    );
    expect(json.status).toBe(413);
    expect(((await json.json()) as { error: string }).error).toContain('larger than the editor');
  });

  it('a slug taken by another article is refused beside the slug field, the rest kept', async () => {
    await browser.post('/admin/articles/new', form({ title: 'First holder', slug: 'held' }));
    const made = await browser.post('/admin/articles/new', form({ title: 'Second' }));
    const id = editedId(made);
    const page = await (await browser.get(`/admin/articles/${id}/edit`)).text();
    const res = await browser.post(
      `/admin/articles/${id}/edit`,
      form({ ...formValues(page), slug: 'held', body: 'Changed body' }),
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toMatch(/id="slug-error"[^>]*>[^<]*held[^<]*taken/);
    expect(formValues(html).body).toBe('Changed body');
  });

  it('unpublishes a published article (its URL then answers 410), and an unpublish time before publication is refused beside its field', async () => {
    const made = await browser.post(
      '/admin/articles/new',
      form({ title: 'Coming down', action: 'publish' }),
    );
    const id = editedId(made);
    expect((await site.get('/2026/12/coming-down/')).status).toBe(200);
    const page = await (await browser.get(`/admin/articles/${id}/edit`)).text();
    expect(page).toContain('name="action" value="unpublish"');
    const early = await browser.post(
      `/admin/articles/${id}/edit`,
      form({ ...formValues(page), revision: revisionIn(page), unpublish_at: '2026-12-01T10:00' }),
    );
    expect(early.status).toBe(400);
    expect(await early.text()).toMatch(/id="unpublish_at-error"[^>]*>must be in the future/);
    const down = await browser.post(
      `/admin/articles/${id}/edit`,
      form({ ...formValues(page), revision: revisionIn(page), action: 'unpublish' }),
    );
    expect(down.status).toBe(303);
    expect(down.headers.get('location')).toContain('done=unpublished');
    expect((await site.rt.deps.repos.articles.findById(id))?.status).toBe('draft');
    expect((await site.get('/2026/12/coming-down/')).status).toBe(410);
  });

  it('admin pages allow scripts from our own origin only; the site allows none', async () => {
    const admin = await browser.get('/admin/articles/new');
    const policy = admin.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'self'");
    const login = await new AdminClient(site.base).get('/admin/login');
    expect(login.headers.get('content-security-policy')).toBe(policy);
    const home = await site.get('/');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'none'");
  });
});
