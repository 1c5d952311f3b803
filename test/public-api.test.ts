/**
 * The public content API against a real server: every route, cursor pagination, the site's cache
 * headers, ETag and 304, the OpenAPI document, hostile query strings, and the states that never
 * appear (draft, scheduled, trashed, unpublished).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { deleteArticle } from '../src/app/articles/trash.js';
import { unpublishArticle } from '../src/app/articles/unpublish-article.js';
import type { Author } from '../src/domain/article.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

let now = new Date('2026-12-02T09:00:00.000Z');
const clock = () => now;

interface Item {
  id: number;
  slug: string;
  title: string;
  kind: string;
  authors: { id: number; name: string }[];
  categories: { name: string }[];
  tags: { name: string }[];
  bodyHtml?: string;
}
interface List {
  items: Item[];
  nextCursor: string | null;
}

describeEachDialect('public content API', (dialect) => {
  let site: SiteHarness;
  let author: Author;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    site = await startSite(dialect, { clock });
    const d = site.rt.deps;
    author = await anAuthor(d);
    for (let i = 1; i <= 5; i++) {
      now = new Date(now.getTime() + 60_000);
      const { article } = await anArticle(d, author, {
        title: `Story ${i}`,
        slug: `story-${i}`,
        categories: ['Politics'],
        tags: [`t${i}`],
      });
      ids[`story${i}`] = article.id;
    }
    now = new Date(now.getTime() + 60_000);
    ids.draft = (
      await anArticle(d, author, { title: 'Draft', slug: 'draft-one', publish: { kind: 'draft' } })
    ).article.id;
    ids.scheduled = (
      await anArticle(d, author, {
        title: 'Later',
        slug: 'later-one',
        publish: { kind: 'at', at: new Date(now.getTime() + 86_400_000) },
      })
    ).article.id;
    ids.trashed = (
      await anArticle(d, author, { title: 'Trashed', slug: 'trashed-one' })
    ).article.id;
    expect((await deleteArticle(d, { articleId: ids.trashed, actorId: author.id })).ok).toBe(true);
    ids.withdrawn = (
      await anArticle(d, author, { title: 'Withdrawn', slug: 'withdrawn-one' })
    ).article.id;
    expect((await unpublishArticle(d, { articleId: ids.withdrawn, actorId: author.id })).ok).toBe(
      true,
    );
    ids.page = (
      await anArticle(d, author, { kind: 'page', title: 'About us', slug: 'about' })
    ).article.id;
    ids.draftPage = (
      await anArticle(d, author, {
        kind: 'page',
        title: 'Secret page',
        slug: 'secret',
        publish: { kind: 'draft' },
      })
    ).article.id;
  });
  afterAll(() => site?.close());

  const json = async <T>(path: string, init?: RequestInit): Promise<{ res: Response; body: T }> => {
    const res = await site.get(path, init);
    return { res, body: (await res.json()) as T };
  };

  it('lists published articles newest first, with authors and terms, and nothing else', async () => {
    const { res, body } = await json<List>('/api/articles');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.items.map((i) => i.title)).toEqual([
      'Story 5',
      'Story 4',
      'Story 3',
      'Story 2',
      'Story 1',
    ]);
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toMatchObject({
      kind: 'article',
      authors: [{ id: author.id, name: author.name }],
      categories: [{ name: 'Politics' }],
      tags: [{ name: 't5' }],
    });
    expect(body.items[0]?.bodyHtml).toBeUndefined();
  });

  it('pages through with an opaque cursor until the last page', async () => {
    const seen: string[] = [];
    let path = '/api/articles?limit=2';
    let pages = 0;
    for (;;) {
      const { body } = await json<List>(path);
      pages++;
      seen.push(...body.items.map((i) => i.title));
      if (!body.nextCursor) break;
      path = `/api/articles?limit=2&cursor=${body.nextCursor}`;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Story 5', 'Story 4', 'Story 3', 'Story 2', 'Story 1']);
  });

  it('drafts, scheduled, trashed and unpublished articles never appear, in lists or alone', async () => {
    const all = JSON.stringify((await json<List>('/api/articles?limit=100')).body);
    for (const t of ['Draft', 'Later', 'Trashed', 'Withdrawn']) expect(all).not.toContain(`"${t}"`);
    for (const key of ['draft', 'scheduled', 'trashed', 'withdrawn'] as const) {
      const byId = await json<{ error: string }>(`/api/articles/${ids[key]}`);
      expect(byId.res.status, key).toBe(404);
      expect(byId.body.error).toBe('not_found');
    }
    for (const slug of ['draft-one', 'later-one', 'trashed-one', 'withdrawn-one']) {
      expect((await site.get(`/api/articles/${slug}`)).status, slug).toBe(404);
    }
    const pages = JSON.stringify((await json<List>('/api/pages')).body);
    expect(pages).toContain('About us');
    expect(pages).not.toContain('Secret page');
    expect((await site.get(`/api/pages/${ids.draftPage}`)).status).toBe(404);
  });

  it('one article by id or slug carries its body, its keys and an edge lifetime like the site', async () => {
    const byId = await json<Item>(`/api/articles/${ids.story3}`);
    expect(byId.res.status).toBe(200);
    expect(byId.body).toMatchObject({ title: 'Story 3', slug: 'story-3' });
    expect(byId.body.bodyHtml).toContain('<em>body</em>');
    const keys = byId.res.headers.get('surrogate-key')?.split(' ') ?? [];
    expect(keys).toEqual(expect.arrayContaining([`a${ids.story3}`, `u${author.id}`, 'all']));
    expect(byId.res.headers.get('cache-tag')).toContain(`a${ids.story3}`);
    expect(byId.res.headers.get('cache-control')).toBe(
      'public, max-age=60, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400',
    );
    const bySlug = await json<Item>('/api/articles/story-3');
    expect(bySlug.body.id).toBe(ids.story3);
    // An article is not a page, nor a page an article.
    expect((await site.get(`/api/pages/${ids.story3}`)).status).toBe(404);
    expect((await site.get(`/api/articles/${ids.page}`)).status).toBe(404);
    expect((await json<Item>('/api/pages/about')).body.kind).toBe('page');
    // A slug made only of digits is found when no id is that number.
    now = new Date(now.getTime() + 60_000);
    await anArticle(site.rt.deps, author, { title: 'Year in review', slug: '1999' });
    expect((await json<Item>('/api/articles/1999')).body.title).toBe('Year in review');
  });

  it('lists carry list keys and the shorter list lifetime, the same when answered from memory', async () => {
    const first = await site.get('/api/articles?limit=3');
    const res = await site.get('/api/articles?limit=3');
    for (const name of ['cache-control', 'surrogate-key', 'cache-tag', 'etag', 'content-type']) {
      expect(res.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(await res.text()).toBe(await first.text());
    expect(res.headers.get('cache-control')).toContain('s-maxage=300');
    expect(res.headers.get('surrogate-key')?.split(' ')).toEqual(
      expect.arrayContaining(['home', 'ss', `s${ids.story5}`, 'all']),
    );
  });

  it('answers a matching If-None-Match with 304 and no body, and a changed article with a new ETag', async () => {
    const first = await site.get(`/api/articles/${ids.story2}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await site.get(`/api/articles/${ids.story2}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const list = await site.get('/api/articles');
    const listTag = list.headers.get('etag') ?? '';
    expect(
      (await site.get('/api/articles', { headers: { 'if-none-match': `W/${listTag}` } })).status,
    ).toBe(304);
    now = new Date(now.getTime() + 60_000);
    await anArticle(site.rt.deps, author, { title: 'Story 6', slug: 'story-6' });
    const changed = await site.get('/api/articles', { headers: { 'if-none-match': listTag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(listTag);
  });

  it('lists authors with bylines and every term, without e-mail addresses', async () => {
    const authors = await json<{ items: { id: number; name: string }[] }>('/api/authors');
    expect(authors.body.items.map((a) => a.id)).toEqual([author.id]);
    expect(JSON.stringify(authors.body)).not.toContain('@');
    const terms = await json<{ items: { name: string; kind: string }[] }>('/api/terms');
    expect(terms.body.items.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Politics', 't1', 't5']),
    );
    const cats = await json<{ items: { kind: string }[] }>('/api/terms?kind=category');
    expect(cats.body.items.every((t) => t.kind === 'category')).toBe(true);
    expect(cats.body.items.length).toBeGreaterThan(0);
  });

  it('refuses malformed, oversized and hostile query strings with a JSON 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/api/articles?limit=0', /limit/],
      ['/api/articles?limit=101', /limit/],
      ['/api/articles?limit=-1', /limit/],
      ['/api/articles?limit=abc', /limit/],
      ['/api/articles?limit=1&limit=2', /more than once/],
      ['/api/articles?cursor=%00%27or%201=1', /cursor/],
      [`/api/articles?cursor=${'A'.repeat(500)}`, /cursor/],
      ['/api/articles?cursor=bm90LWEtY3Vyc29y', /cursor/],
      ['/api/articles?utm_source=x', /utm_source|Unrecognized|unrecognized/],
      ['/api/terms?kind=user', /kind/],
      ['/api/authors?x=1', /./],
      [`/api/articles/${'a'.repeat(300)}`, /ref/],
      ['/api/articles/..%2F..%2Fetc', /ref/],
      ['/api/articles/%3Cscript%3E', /ref/],
      ['/api/articles/1?x=1', /./],
    ];
    for (const [path, message] of cases) {
      const { res, body } = await json<{ error: string; error_description: string }>(path);
      expect(res.status, path.slice(0, 60)).toBe(400);
      expect(body.error).toBe('invalid_input');
      expect(body.error_description, path.slice(0, 60)).toMatch(message);
      expect(body.error_description).not.toContain('<script>');
    }
    expect((await site.get('/api/articles/99999')).status).toBe(404);
    expect((await site.get('/api/nothing')).status).toBe(404);
    const post = await site.get('/api/articles', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
  });

  it('publishes a valid OpenAPI 3.1 document listing every route', async () => {
    const { res, body } = await json<{ openapi: string; paths: Record<string, unknown> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/api/articles',
        '/api/articles/{ref}',
        '/api/authors',
        '/api/pages',
        '/api/pages/{ref}',
        '/api/terms',
      ].sort(),
    );
    const validator = new Validator();
    const result = await validator.validate(
      body as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
