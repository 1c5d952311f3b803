import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArticleEvent } from '../src/app/articles/events.js';
import type { Author } from '../src/domain/article.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

interface SearchJson {
  query: string;
  total: number;
  page: number;
  page_count: number;
  results: {
    title: string;
    url: string;
    kind: string;
    snippet: string;
    highlights: { text: string; hit: boolean }[];
  }[];
}

/** Every kind of query text that has broken a search engine's parser somewhere. */
const HOSTILE_QUERIES = [
  '"',
  '"unbalanced',
  '*',
  'a*',
  '()',
  '(',
  ')',
  ':',
  'title:x',
  '^',
  '-',
  '-ışıq',
  'NEAR',
  'NEAR(a b)',
  'a OR b',
  'a AND NOT b',
  "'",
  '\\',
  '%',
  '_',
  '&|!',
  '<->',
  'a:* & b',
  '\u0000',
  '\uD800',
  '😀',
  '\u200D\u200C',
  'x'.repeat(10_000),
  'word '.repeat(2_000),
  '"'.repeat(5_000),
  '<script>alert(1)</script>',
];

describeEachDialect('full-text search', (dialect) => {
  let site: SiteHarness;
  let author: Author;
  beforeAll(async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    author = await anAuthor(deps, 'Ada Reporter');
    const story = (title: string, bodyMarkdown: string) =>
      anArticle(deps, author, { title, bodyMarkdown });
    await story('Bakıda axşam', 'Şəhərdə ışıq söndü və küçələr qaranlıq qaldı.');
    await story('اردو خبر', 'یہ ایک کِتاب ہے اور وہ مُعَلِّم ہے۔');
    await story('Plain Urdu', 'یہاں معلم اور کتاب بغیر اعراب کے لکھے گئے ہیں۔');
    await story('Persian words', 'ما می\u200Cخواهیم که بدانیم.');
    await story('Joined word', 'The signal says foo\u200Dbar at noon.');
    await story('Portrait of Inès', 'A painter called Inès opened a studio on the square.');
    await story('Street names', 'The Hauptstraße was closed.');
  });
  afterAll(() => site.close());

  const search = async (q: string, page?: number): Promise<SearchJson> => {
    const qs = new URLSearchParams({ q, ...(page ? { page: String(page) } : {}) });
    const res = await site.get(`/search.json?${qs}`);
    expect(res.status, q.slice(0, 40)).toBe(200);
    return (await res.json()) as SearchJson;
  };
  const titles = async (q: string) => (await search(q)).results.map((r) => r.title).sort();

  it('finds Azerbaijani "ışıq" from the capital "IŞIQ", and the other way round', async () => {
    expect(await titles('IŞIQ')).toEqual(['Bakıda axşam']);
    expect(await titles('ışıq')).toEqual(['Bakıda axşam']);
    expect(await titles('BAKIDA')).toEqual(['Bakıda axşam']);
  });

  it('finds Urdu words with and without vowel marks, each from the other', async () => {
    expect(await titles('کتاب')).toEqual(['Plain Urdu', 'اردو خبر'].sort());
    expect(await titles('کِتاب')).toEqual(['Plain Urdu', 'اردو خبر'].sort());
    expect(await titles('معلم')).toEqual(['Plain Urdu', 'اردو خبر'].sort());
    expect(await titles('مُعَلِّم')).toEqual(['Plain Urdu', 'اردو خبر'].sort());
  });

  it('matches words with zero-width joiners or non-joiners inside them to the bare word', async () => {
    expect(await titles('میخواهیم')).toEqual(['Persian words']);
    expect(await titles('می\u200Cخواهیم')).toEqual(['Persian words']);
    expect(await titles('foobar')).toEqual(['Joined word']);
    expect(await titles('foo\u200Dbar')).toEqual(['Joined word']);
  });

  it('ignores accents and case: "Ines", "INÈS" and "inès" find "Inès"; "strasse" finds "straße"', async () => {
    for (const q of ['Ines', 'INÈS', 'inès', 'ines']) {
      expect(await titles(q), q).toEqual(['Portrait of Inès']);
    }
    expect(await titles('HAUPTSTRASSE')).toEqual(['Street names']);
  });

  it('highlights the original words, not their folded form', async () => {
    const az = await search('IŞIQ');
    const marked = az.results[0]?.highlights.filter((h) => h.hit).map((h) => h.text);
    expect(marked).toEqual(['ışıq']);
    const ur = await search('کتاب');
    const withMarks = ur.results.find((r) => r.title === 'اردو خبر');
    expect(withMarks?.highlights.filter((h) => h.hit).map((h) => h.text)).toEqual(['کِتاب']);
    const html = await (await site.get(`/search/?q=${encodeURIComponent('ines')}`)).text();
    expect(html).toContain('<mark>Inès</mark>');
  });

  it('needs every term, and ranks a title match above a body match', async () => {
    const deps = site.rt.deps;
    await anArticle(deps, author, { title: 'Harbour news', bodyMarkdown: 'Nothing here.' });
    await anArticle(deps, author, {
      title: 'Other news',
      bodyMarkdown: 'The harbour opened, and the harbour closed.',
    });
    const found = await search('harbour');
    expect(found.results.map((r) => r.title)).toEqual(['Harbour news', 'Other news']);
    expect(await titles('harbour closed')).toEqual(['Other news']);
    expect(await titles('harbour nowhere')).toEqual([]);
  });

  it('pages through results ten at a time, with the query kept in the links', async () => {
    const deps = site.rt.deps;
    for (let i = 0; i < 12; i++) {
      await anArticle(deps, author, { title: `Tide table ${i}`, bodyMarkdown: 'Tides rise.' });
    }
    const first = await search('tides');
    expect(first.total).toBe(12);
    expect(first.page_count).toBe(2);
    expect(first.results).toHaveLength(10);
    const second = await search('tides', 2);
    expect(second.results).toHaveLength(2);
    const all = new Set([...first.results, ...second.results].map((r) => r.url));
    expect(all.size).toBe(12);
    const html = await (await site.get('/search/?q=tides')).text();
    expect(html).toContain('href="/search/?q=tides&amp;page=2"');
    expect(html).toContain('12 results for “tides”');
    expect(html).toContain('value="tides"');
  });

  it('answers every hostile query with results or an empty page, never an error', async () => {
    for (const q of HOSTILE_QUERIES) {
      const json = await search(q);
      expect(Array.isArray(json.results)).toBe(true);
      const res = await site.get(`/search/?${new URLSearchParams({ q })}`);
      expect(res.status, q.slice(0, 40)).toBe(200);
      const body = await res.text();
      expect(body).not.toContain('<script>alert');
    }
    for (const page of ['0', '-1', 'x', '99999999', '1e3']) {
      const res = await site.get(`/search.json?q=tides&page=${page}`);
      expect(res.status).toBe(200);
    }
    expect((await site.get('/search.json')).status).toBe(200);
    // Percent-encodings that are not UTF-8, or not percent-encodings at all.
    for (const raw of ['%ED%A0%80', '%FF%FE', '%', '%zz', '%00', '%E2%80']) {
      expect((await site.get(`/search/?q=${raw}`)).status, raw).toBe(200);
      expect((await site.get(`/search.json?q=${raw}`)).status, raw).toBe(200);
    }
    expect((await site.get('/search/?q=a&q=b')).status).toBe(200);
  });

  it('keeps the index right through update, unpublish, delete and restore (same transaction)', async () => {
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, author, {
      title: 'Lighthouse keeper',
      bodyMarkdown: 'A keeper retires.',
    });
    expect(await titles('lighthouse')).toEqual(['Lighthouse keeper']);

    const fields = {
      kind: article.kind,
      slug: article.slug,
      title: 'Beacon keeper',
      standfirst: '',
      bodySource: 'A keeper retires.',
      bodyHtml: article.bodyHtml,
      excerpt: article.excerpt,
      status: 'published' as const,
      publishedAt: article.publishedAt,
      authorId: author.id,
      trackbackTo: [],
      unpublishAt: null,
      linkbacksSend: true,
      commentsOpen: true,
      commentsCloseAt: null,
      linkbacksOpen: true,
      linkbacksCloseAt: null,
    };
    const inTx = async (
      type: ArticleEvent['type'],
      work: (r: typeof deps.repos) => Promise<unknown>,
    ) =>
      deps.uow.run(async (tx) => {
        await work(tx.repos);
        await tx.emit({
          type,
          articleId: article.id,
          kind: 'article',
          actorId: author.id,
          at: new Date(),
          url: 'http://news.test/',
        });
      });
    await inTx('article.updated', (r) => r.articles.update(article.id, fields, new Date()));
    expect(await titles('lighthouse')).toEqual([]);
    expect(await titles('beacon')).toEqual(['Beacon keeper']);

    await inTx('article.unpublished', (r) => r.articles.markWithdrawn(article.id, new Date()));
    expect(await titles('beacon')).toEqual([]);
    await inTx('article.restored', (r) => r.articles.update(article.id, fields, new Date()));
    expect(await titles('beacon')).toEqual(['Beacon keeper']);
    await inTx('article.deleted', (r) => r.articles.markDeleted(article.id, new Date()));
    expect(await titles('beacon')).toEqual([]);
    await inTx('article.restored', (r) => r.articles.markUndeleted(article.id, new Date()));
    expect(await titles('beacon')).toEqual(['Beacon keeper']);

    // A subscriber's failure rolls the change back: the index never runs ahead of the article.
    await expect(
      deps.uow.run(async (tx) => {
        await tx.repos.articles.markDeleted(article.id, new Date());
        await tx.emit({
          type: 'article.deleted',
          articleId: article.id,
          kind: 'article',
          actorId: author.id,
          at: new Date(),
          url: 'http://news.test/',
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await titles('beacon')).toEqual(['Beacon keeper']);
  });

  it('never finds drafts or scheduled articles, and finds published pages', async () => {
    const deps = site.rt.deps;
    await anArticle(deps, author, {
      title: 'Secret draft',
      bodyMarkdown: 'Zeppelin plans.',
      publish: { kind: 'draft' },
    });
    await anArticle(deps, author, {
      title: 'Future zeppelin',
      bodyMarkdown: 'Zeppelin plans.',
      publish: { kind: 'at', at: new Date(Date.now() + 86_400_000) },
    });
    // Published, but dated ahead: found only once its time has come (asked at query time).
    await anArticle(deps, author, {
      title: 'Dated zeppelin',
      bodyMarkdown: 'Zeppelin plans.',
      publishedAt: new Date(Date.now() + 86_400_000),
    });
    expect(await titles('zeppelin')).toEqual([]);
    await anArticle(deps, author, {
      kind: 'page',
      title: 'About the newsroom',
      bodyMarkdown: 'Our newsroom sits by the harbour wall.',
    });
    const found = await search('newsroom');
    expect(found.results.map((r) => [r.title, r.kind, new URL(r.url).pathname])).toEqual([
      ['About the newsroom', 'page', '/about-the-newsroom/'],
    ]);
  });
});
