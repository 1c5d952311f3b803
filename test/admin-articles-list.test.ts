/** /admin/articles over HTTP: the filters, who sees what, pages, and hostile query strings. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { deleteArticle } from '../src/app/articles/trash.js';
import { unpublishArticle } from '../src/app/articles/unpublish-article.js';
import { listTerms } from '../src/app/terms/manage-terms.js';
import type { Author } from '../src/domain/article.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

let now = new Date('2026-12-02T09:00:00.000Z');
const clock = () => now;

describeEachDialect('admin: the article list', (dialect) => {
  let site: SiteHarness;
  let editor: AdminClient;
  let ada: Author;
  let bo: Author;
  const ids: Record<string, number> = {};

  const write = async (key: string, author: Author, over: Record<string, unknown> = {}) => {
    now = new Date(now.getTime() + 60_000);
    const r = await createArticle(site.rt.deps, {
      title: key,
      bodyMarkdown: `The ${key} body.`,
      authorId: author.id,
      publish: { kind: 'now' },
      ...over,
    });
    if (!r.ok) throw new Error(r.error.message);
    ids[key] = r.value.article.id;
    return r.value.article;
  };
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr id="article-(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  const idsOf = (...keys: string[]) => keys.map((k) => ids[k] ?? -1).sort((a, b) => a - b);

  beforeAll(async () => {
    site = await startSite(dialect, { clock });
    const editorUser = await aUser(site.rt.deps, 'editor', 'Eddie Editor');
    ada = await aUser(site.rt.deps, 'author', 'Ada Author');
    bo = await aUser(site.rt.deps, 'author', 'Bo Author');
    await write('Harbour reopens', ada, { categories: ['News/Local'], tags: ['Boats'] });
    await write('Draft on rates', ada, { publish: { kind: 'draft' } });
    await write('Budget at noon', bo, {
      publish: { kind: 'at', at: new Date('2027-01-01T12:00:00Z') },
      categories: ['News'],
    });
    await write('About us', editorUser, { kind: 'page' });
    await write('Withdrawn story', bo);
    await write('Binned story', bo);
    await write('100% true: a _wild_ claim', ada);
    const withdrawn = await unpublishArticle(site.rt.deps, {
      articleId: ids['Withdrawn story'] ?? 0,
      actorId: null,
    });
    expect(withdrawn.ok).toBe(true);
    const trashed = await deleteArticle(site.rt.deps, {
      articleId: ids['Binned story'] ?? 0,
      actorId: null,
    });
    expect(trashed.ok).toBe(true);
    editor = new AdminClient(site.base);
    expect((await editor.signIn(editorUser.email, PASSWORD)).status).toBe(303);
  });
  afterAll(() => site?.close());

  const list = async (client: AdminClient, query = '') => {
    const res = await client.get(`/admin/articles${query}`);
    return { status: res.status, html: await res.text() };
  };

  it('an editor sees every article and page not in the trash, each with its links', async () => {
    const { status, html } = await list(editor);
    expect(status).toBe(200);
    expect(rowsOf(html)).toEqual(
      idsOf(
        'Harbour reopens',
        'Draft on rates',
        'Budget at noon',
        'About us',
        'Withdrawn story',
        '100% true: a _wild_ claim',
      ),
    );
    const id = ids['Harbour reopens'];
    expect(html).toContain(`href="/admin/articles/${id}/edit"`);
    expect(html).toContain(`href="/admin/articles/${id}/revisions"`);
    expect(html).toContain(`href="/admin/articles/${id}/linkbacks"`);
    expect(html).toMatch(/href="\/2026\/12\/harbour-reopens\/"/);
    // A draft has no public page to link to.
    expect(html).not.toContain('href="/2026/12/draft-on-rates/"');
  });

  it('each status filter finds exactly its articles', async () => {
    const cases: [string, string[]][] = [
      ['draft', ['Draft on rates']],
      ['scheduled', ['Budget at noon']],
      ['published', ['Harbour reopens', 'About us', '100% true: a _wild_ claim']],
      ['unpublished', ['Withdrawn story']],
      ['trashed', ['Binned story']],
    ];
    for (const [status, keys] of cases) {
      const { html } = await list(editor, `?status=${status}`);
      expect(rowsOf(html), status).toEqual(idsOf(...keys));
      expect(html).toContain(`<option value="${status}" selected`);
    }
  });

  it('filters by author, category (with its subcategories), tag, type and title, together', async () => {
    expect(rowsOf((await list(editor, `?author=${bo.id}`)).html)).toEqual(
      idsOf('Budget at noon', 'Withdrawn story'),
    );
    const news = (await listTerms(site.rt.deps, 'category')).find((t) => t.name === 'News');
    expect(rowsOf((await list(editor, `?category=${news?.id}`)).html)).toEqual(
      idsOf('Harbour reopens', 'Budget at noon'),
    );
    const boats = (await listTerms(site.rt.deps, 'tag')).find((t) => t.name === 'Boats');
    expect(rowsOf((await list(editor, `?tag=${boats?.id}`)).html)).toEqual(
      idsOf('Harbour reopens'),
    );
    expect(rowsOf((await list(editor, '?type=page')).html)).toEqual(idsOf('About us'));
    expect(rowsOf((await list(editor, '?q=HARBOUR')).html)).toEqual(idsOf('Harbour reopens'));
    expect(rowsOf((await list(editor, '?q=budget-at')).html)).toEqual(idsOf('Budget at noon'));
    expect(
      rowsOf((await list(editor, `?category=${news?.id}&author=${ada.id}&status=published`)).html),
    ).toEqual(idsOf('Harbour reopens'));
  });

  it('% and _ in the search box match themselves, not any text', async () => {
    expect(rowsOf((await list(editor, '?q=100%25')).html)).toEqual(
      idsOf('100% true: a _wild_ claim'),
    );
    expect(rowsOf((await list(editor, '?q=%25')).html)).toEqual(idsOf('100% true: a _wild_ claim'));
    expect(rowsOf((await list(editor, '?q=_wild_')).html)).toEqual(
      idsOf('100% true: a _wild_ claim'),
    );
    const none = await list(editor, '?q=_');
    expect(rowsOf(none.html)).toEqual(idsOf('100% true: a _wild_ claim'));
  });

  it('an author sees only the articles they hold a byline on, and cannot widen that', async () => {
    const client = new AdminClient(site.base);
    await client.signIn(ada.email, PASSWORD);
    const mine = await list(client);
    expect(mine.status).toBe(200);
    expect(rowsOf(mine.html)).toEqual(
      idsOf('Harbour reopens', 'Draft on rates', '100% true: a _wild_ claim'),
    );
    expect(mine.html).toContain('(yours)');
    expect(mine.html).not.toContain('id="author"');
    expect(rowsOf((await list(client, `?author=${bo.id}`)).html)).toEqual([]);
    const contributor = new AdminClient(site.base);
    await contributor.signIn((await aUser(site.rt.deps, 'contributor')).email, PASSWORD);
    expect(rowsOf((await list(contributor)).html)).toEqual([]);
    const moderator = new AdminClient(site.base);
    await moderator.signIn((await aUser(site.rt.deps, 'moderator')).email, PASSWORD);
    expect((await list(moderator)).status).toBe(403);
  });

  it('pages through a long list 25 at a time, keeping the filters in the links', async () => {
    for (let i = 0; i < 27; i++) await write(`Filler ${i}`, bo, { publish: { kind: 'draft' } });
    const first = await list(editor, '?status=draft');
    expect(rowsOf(first.html)).toHaveLength(25);
    expect(first.html).toContain('28 articles');
    expect(first.html).toContain('page 1 of 2');
    expect(first.html).toContain('href="/admin/articles?status=draft&amp;page=2"');
    const second = await list(editor, '?status=draft&page=2');
    expect(rowsOf(second.html)).toHaveLength(3);
    expect(second.html).toContain('href="/admin/articles?status=draft"');
    const past = await list(editor, '?status=draft&page=9');
    expect(past.status).toBe(200);
    expect(past.html).toContain('No articles match.');
  });

  it('malformed, hostile and oversized filters get a 400 naming each field, the form kept', async () => {
    const bad = await list(editor, '?status=deleted&type=post&author=1%20or%201%3D1&page=0');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('status: one of draft, scheduled, published, unpublished, trashed');
    expect(bad.html).toContain('type: article or page');
    expect(bad.html).toContain('author: choose one from the list');
    expect(bad.html).toContain('page: a number from 1 to 400');
    expect(rowsOf(bad.html)).toEqual([]);
    const hostile = await list(editor, `?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.html).not.toContain('<script>alert(1)');
    expect(hostile.html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    const long = await list(editor, `?q=${'x'.repeat(5000)}`);
    expect(long.status).toBe(400);
    expect(long.html).toContain('search: at most 200 characters');
    expect(long.html.length).toBeLessThan(20_000);
    const control = await list(editor, '?q=a%00b');
    expect(control.status).toBe(400);
    expect(control.html).toContain('control characters');
    for (const q of ['?page=99999999999', '?category=-1', '?tag=abc', '?page=1e3'])
      expect((await list(editor, q)).status, q).toBe(400);
    // A repeated parameter uses its first value.
    expect(rowsOf((await list(editor, '?type=page&type=bogus')).html)).toEqual(idsOf('About us'));
  });
});
