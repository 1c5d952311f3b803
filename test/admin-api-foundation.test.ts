import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { buildHttpApp } from '../src/main/http.js';
import { ADMIN_API_PREFIX, honoPath } from '../src/web/api/admin/register.js';
import { allow, API, routeMatrix, startApiWorld, type ApiWorld } from './support/admin-api-kit.js';
import { describeEachDialect } from './support/dialects.js';

type Doc = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
};

describeEachDialect('admin API foundation', (dialect) => {
  let w: ApiWorld;
  beforeAll(async () => {
    w = await startApiWorld(dialect, { env: { NEWSDESK_API_REQUESTS_PER_MINUTE: '100000' } });
  });
  afterAll(() => w.close());

  async function draftBy(role: keyof ApiWorld['users'], title = 'A draft') {
    const r = await createArticle(w.site.rt.deps, {
      title,
      bodyMarkdown: 'Body text.',
      authorId: w.users[role].id,
      publish: { kind: 'draft' },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.article;
  }

  it('documents exactly the routes it mounts, with the same methods, paths and path parameters', async () => {
    const res = await w.call({ path: '/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.json as Doc;
    const documented = new Map<string, string[]>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        documented.set(`${method.toUpperCase()} ${honoPath(path)}`, params.sort());
      }
    }
    const { app } = buildHttpApp(w.site.rt);
    const mounted = new Map<string, string[]>();
    for (const r of app.routes) {
      if (!r.path.startsWith(`${ADMIN_API_PREFIX}/`) || r.method === 'ALL') continue;
      if (r.path === `${ADMIN_API_PREFIX}/openapi.json`) continue;
      const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '').sort();
      mounted.set(`${r.method} ${r.path}`, params);
    }
    expect(mounted.size).toBeGreaterThanOrEqual(2);
    expect([...mounted.keys()].sort()).toEqual([...documented.keys()].sort());
    for (const [key, params] of mounted) expect(documented.get(key), key).toEqual(params);
  });

  it('refuses a request without credentials with 401 in the JSON error shape and a challenge', async () => {
    const res = await w.call({ path: '/articles' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="newsdesk"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toEqual({ error: 'unauthenticated', error_description: expect.any(String) });
  });

  it('refuses an unknown token and an ended session with 401', async () => {
    const bad = await w.call({ path: '/articles', as: { bearer: 'Bearer nd_nottoken' } });
    expect(bad.status).toBe(401);
    expect((bad.json as { error: string }).error).toBe('invalid_token');
    const ended = await w.call({
      path: '/articles',
      as: { session: { cookie: 'x'.repeat(43), csrf: '' } },
    });
    expect(ended.status).toBe(401);
    expect((ended.json as { error: string }).error).toBe('unauthenticated');
  });

  it('refuses an unsafe method with the session cookie but without X-CSRF-Token (403 csrf_failed)', async () => {
    const session = await w.session('owner');
    const res = await w.call({
      method: 'POST',
      path: '/articles',
      as: session,
      csrf: false,
      body: { title: 'Forged', bodyMarkdown: 'x' },
    });
    expect(res.status).toBe(403);
    expect((res.json as { error: string }).error).toBe('csrf_failed');
    const wrong = await w.call({
      method: 'POST',
      path: '/articles',
      as: { session: { cookie: session.session?.cookie ?? '', csrf: 'not-the-token' } },
      body: { title: 'Forged', bodyMarkdown: 'x' },
    });
    expect(wrong.status).toBe(403);
  });

  it('answers an unknown route 404 and a wrong method 405 with Allow, in the JSON shape', async () => {
    const as = await w.token('owner', ['read']);
    const missing = await w.call({ path: '/nothing-here', as });
    expect(missing.status).toBe(404);
    expect((missing.json as { error: string }).error).toBe('not_found');
    const wrongMethod = await w.call({
      method: 'PUT',
      path: '/articles',
      as: await w.token('owner', ['write']),
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
  });

  it('lists articles newest first in cursor pages, filtered by status, author and title words', async () => {
    const mine = await draftBy('author', 'Harbour plans unveiled');
    await draftBy('editor', 'Budget vote delayed');
    await draftBy('editor', 'Harbour 100% funded');
    const as = await w.token('editor', ['read']);
    const first = await w.call({ path: '/articles?limit=2', as });
    expect(first.status).toBe(200);
    const page1 = first.json as { items: { id: number }[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]!.id).toBeGreaterThan(page1.items[1]!.id);
    expect(page1.nextCursor).not.toBeNull();
    const second = await w.call({ path: `/articles?limit=2&cursor=${page1.nextCursor}`, as });
    const page2 = second.json as { items: { id: number }[] };
    expect(page2.items[0]!.id).toBeLessThan(page1.items[1]!.id);

    const byAuthor = await w.call({ path: `/articles?author=${w.users.author.id}`, as });
    expect((byAuthor.json as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([
      mine.id,
    ]);
    const words = await w.call({ path: '/articles?q=harbour', as });
    expect((words.json as { items: unknown[] }).items).toHaveLength(2);
    const literal = await w.call({ path: `/articles?q=${encodeURIComponent('100%')}`, as });
    expect((literal.json as { items: { title: string }[] }).items.map((i) => i.title)).toEqual([
      'Harbour 100% funded',
    ]);
    const published = await w.call({ path: '/articles?status=published', as });
    expect((published.json as { items: unknown[] }).items).toHaveLength(0);
  });

  it('refuses malformed query strings with 400: unknown names, repeats, bad cursors and limits', async () => {
    const as = await w.token('editor', ['read']);
    for (const q of [
      '?nope=1',
      '?limit=0',
      '?limit=101',
      '?limit=1&limit=2',
      '?cursor=%00',
      '?cursor=Zm9v',
      '?author=-1',
      '?status=gone',
    ]) {
      const res = await w.call({ path: `/articles${q}`, as });
      expect(res.status, q).toBe(400);
      expect((res.json as { error: string }).error).toBe('invalid_input');
    }
  });

  it('gives one article with a revision-derived ETag and answers 304 to If-None-Match', async () => {
    const a = await draftBy('author');
    const as = await w.token('author', ['read']);
    const res = await w.call({ path: `/articles/${a.id}`, as });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"article-${a.id}-r1"`);
    expect((res.json as { revision: number; bodyMarkdown: string }).revision).toBe(1);
    const again = await w.call({
      path: `/articles/${a.id}`,
      as,
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    for (const bad of ['0', '01', 'abc', '1e3', '9999999999999']) {
      expect((await w.call({ path: `/articles/${bad}`, as })).status, bad).toBe(400);
    }
    expect((await w.call({ path: '/articles/999999', as })).status).toBe(404);
  });

  describe('every role × credential × scope', () => {
    routeMatrix(
      () => w,
      [
        {
          route: 'GET /articles',
          scope: 'read',
          expect: allow(['owner', 'editor', 'author', 'contributor'], 200),
          prepare: async () => ({ path: '/articles' }),
        },
        {
          route: 'GET /articles/{id}',
          scope: 'read',
          expect: allow(['owner', 'editor', 'author', 'contributor'], 200),
          prepare: async () => ({ path: `/articles/${(await draftBy('editor')).id}` }),
        },
      ],
    );
  });
});

describeEachDialect('admin API rate limits', (dialect) => {
  let w: ApiWorld;
  beforeAll(async () => {
    w = await startApiWorld(dialect, { env: { NEWSDESK_API_REQUESTS_PER_MINUTE: '3' } });
  });
  afterAll(() => w.close());

  it('announces the quota in RateLimit-Policy and RateLimit, then answers 429 with Retry-After', async () => {
    const as = await w.token('editor', ['read']);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await w.call({ path: '/articles', as });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
      seen.push(res.headers.get('ratelimit') ?? '');
    }
    expect(seen.map((h) => /r=(\d+)/.exec(h)?.[1])).toEqual(['2', '1', '0']);
    for (const h of seen) expect(h).toMatch(/^"default";r=\d+;t=(?:[1-9]|[1-5]\d|60)$/);
    const over = await w.call({ path: '/articles', as });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
    expect((over.json as { error: string }).error).toBe('rate_limited');
  });

  it('counts each token, session and address on its own', async () => {
    const other = await w.token('author', ['read']);
    expect((await w.call({ path: '/articles', as: other })).status).toBe(200);
    const session = await w.session('author');
    expect((await w.call({ path: '/articles', as: session })).status).toBe(200);
    // Without credentials the address is counted: three refusals, then 429 before any check.
    const anon = [];
    for (let i = 0; i < 4; i++) anon.push((await w.call({ path: '/articles' })).status);
    expect(anon).toEqual([401, 401, 401, 429]);
  });

  it('serves the OpenAPI document without credentials and outside the quota', async () => {
    const res = await w.call({ path: '/openapi.json' });
    expect(res.status).toBe(200);
    expect((res.json as { openapi: string }).openapi).toBe('3.1.0');
    expect(API).toBe('/admin/api');
  });
});
