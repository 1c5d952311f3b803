/**
 * The admin API's articles over a real server: the OpenAPI document validates, a client driven by
 * it (openapi-fetch, with the paths the document names) walks an article through its whole life,
 * and every article route answers each role as the role matrix says.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { deleteArticle } from '../src/app/articles/trash.js';
import { updateArticle } from '../src/app/articles/update-article.js';
import type { UserRole } from '../src/domain/article.js';
import { allow, routeMatrix, startApiWorld, type ApiWorld } from './support/admin-api-kit.js';
import { describeEachDialect } from './support/dialects.js';

type Json = Record<string, unknown>;
interface ArticleJson {
  id: number;
  url: string;
  status: string;
  title: string;
  revision: number;
  corrections: { note: string }[];
  deletedAt: string | null;
}
type Ok<T> = { 200: { content: { 'application/json': T } } };
type Made<T> = { 201: { content: { 'application/json': T } } };
type Refused = { default: { content: { 'application/json': { error: string } } } };
type IdPath = { path: { id: number } };
type Headers = { header?: { 'If-Match'?: string } };

/** The operations this test drives, as openapi-typescript would write them from the document. */
interface Paths {
  '/admin/api/articles': {
    post: {
      parameters: Json;
      requestBody: { content: { 'application/json': Json } };
      responses: Made<ArticleJson> & Refused;
    };
  };
  '/admin/api/articles/{id}': {
    get: { parameters: IdPath; responses: Ok<ArticleJson> & Refused };
    patch: {
      parameters: IdPath & Headers;
      requestBody: { content: { 'application/json': Json } };
      responses: Ok<ArticleJson> & Refused;
    };
    delete: { parameters: IdPath & Headers; responses: Ok<ArticleJson> & Refused };
  };
  '/admin/api/articles/{id}/publish': {
    post: { parameters: IdPath & Headers; responses: Ok<ArticleJson> & Refused };
  };
  '/admin/api/articles/{id}/unpublish': {
    post: { parameters: IdPath & Headers; responses: Ok<ArticleJson> & Refused };
  };
  '/admin/api/articles/{id}/undelete': {
    post: { parameters: IdPath & Headers; responses: Ok<ArticleJson> & Refused };
  };
  '/admin/api/articles/{id}/corrections': {
    post: {
      parameters: IdPath & Headers;
      requestBody: { content: { 'application/json': Json } };
      responses: Made<{ correction: { note: string }; article: ArticleJson }> & Refused;
    };
  };
  '/admin/api/articles/{id}/revisions': {
    get: { parameters: IdPath; responses: Ok<{ items: { number: number }[] }> & Refused };
  };
}

type Doc = { paths: Record<string, Record<string, { operationId: string }>> };

describeEachDialect('admin API articles', (dialect) => {
  let w: ApiWorld;
  let doc: Doc;
  let seq = 0;
  beforeAll(async () => {
    w = await startApiWorld(dialect);
    doc = (await w.call({ path: '/openapi.json' })).json as Doc;
  });
  afterAll(() => w.close());

  async function draftBy(role: UserRole) {
    const r = await createArticle(w.site.rt.deps, {
      title: `Draft ${++seq}`,
      bodyMarkdown: 'Body.',
      authorId: w.users[role].id,
      publish: { kind: 'draft' },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.article;
  }

  async function editedBy(role: UserRole) {
    const a = await draftBy(role);
    const r = await updateArticle(w.site.rt.deps, {
      articleId: a.id,
      editorId: w.users[role].id,
      changes: { title: `${a.title}, edited` },
    });
    if (!r.ok) throw new Error(r.error.message);
    return a;
  }
  async function publishedBy(role: UserRole) {
    const r = await createArticle(w.site.rt.deps, {
      title: `Live ${++seq}`,
      bodyMarkdown: 'Body.',
      authorId: w.users[role].id,
      publish: { kind: 'now' },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.article;
  }
  async function trashedBy(role: UserRole) {
    const a = await draftBy(role);
    const r = await deleteArticle(w.site.rt.deps, { articleId: a.id, actorId: w.users[role].id });
    if (!r.ok) throw new Error(r.error.message);
    return a;
  }

  it('serves an OpenAPI 3.1 document that validates and names every article operation', async () => {
    const result = await new Validator().validate(
      doc as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((o) => o.operationId),
    );
    for (const op of [
      'createArticle',
      'updateArticle',
      'publishArticle',
      'unpublishArticle',
      'deleteArticle',
      'undeleteArticle',
      'correctArticle',
      'listRevisions',
    ]) {
      expect(operations, op).toContain(op);
    }
    for (const path of Object.keys({} as Paths)) expect(doc.paths).toHaveProperty(path);
  });

  it('walks an article through its life with a client driven by the document', async () => {
    for (const path of [
      '/admin/api/articles',
      '/admin/api/articles/{id}',
      '/admin/api/articles/{id}/publish',
      '/admin/api/articles/{id}/unpublish',
      '/admin/api/articles/{id}/undelete',
      '/admin/api/articles/{id}/corrections',
      '/admin/api/articles/{id}/revisions',
    ]) {
      expect(doc.paths, `the document names ${path}`).toHaveProperty([path]);
    }
    const token = (await w.token('editor', ['read', 'write'])).bearer ?? '';
    const api = createClient<Paths>({
      baseUrl: w.site.base,
      headers: { authorization: token },
    });

    const made = await api.POST('/admin/api/articles', {
      body: { title: 'Council delays the budget vote', bodyMarkdown: 'The vote moved.' },
    });
    expect(made.response.status).toBe(201);
    const id = made.data?.id ?? 0;
    expect(made.data?.status).toBe('draft');
    expect(made.response.headers.get('location')).toBe(`/admin/api/articles/${id}`);
    const params = { path: { id } };

    const read = await api.GET('/admin/api/articles/{id}', { params });
    const etag = read.response.headers.get('etag') ?? '';
    expect(etag).toBe(`"article-${id}-r1"`);

    const noMatch = await api.PATCH('/admin/api/articles/{id}', {
      params,
      body: { title: 'No If-Match' },
    });
    expect(noMatch.response.status).toBe(428);
    const edited = await api.PATCH('/admin/api/articles/{id}', {
      params: { ...params, header: { 'If-Match': etag } },
      body: { title: 'Council delays the budget vote again' },
    });
    expect(edited.response.status).toBe(200);
    expect(edited.data?.revision).toBe(2);
    const stale = await api.PATCH('/admin/api/articles/{id}', {
      params: { ...params, header: { 'If-Match': etag } },
      body: { title: 'A lost update' },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error?.error).toBe('precondition_failed');

    const published = await api.POST('/admin/api/articles/{id}/publish', { params });
    expect(published.response.status).toBe(200);
    expect(published.data?.status).toBe('published');
    // The site's own address is not this server's: ask for the page's path here.
    const url = new URL(published.data?.url ?? '', 'http://site.invalid').pathname;
    const page = await fetch(`${w.site.base}${url}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Council delays the budget vote again');

    const corrected = await api.POST('/admin/api/articles/{id}/corrections', {
      params,
      body: { note: 'An earlier version gave the wrong date.' },
    });
    expect(corrected.response.status).toBe(201);
    expect(corrected.data?.article.corrections.map((c) => c.note)).toEqual([
      'An earlier version gave the wrong date.',
    ]);

    const unpublished = await api.POST('/admin/api/articles/{id}/unpublish', { params });
    expect(unpublished.data?.status).toBe('draft');
    expect((await fetch(`${w.site.base}${url}`)).status).toBe(410);

    const trashed = await api.DELETE('/admin/api/articles/{id}', { params });
    expect(trashed.response.status).toBe(200);
    expect(trashed.data?.deletedAt).not.toBeNull();
    const back = await api.POST('/admin/api/articles/{id}/undelete', { params });
    expect(back.data?.deletedAt).toBeNull();

    const revisions = await api.GET('/admin/api/articles/{id}/revisions', { params });
    expect(revisions.data?.items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses hostile article bodies with 400, 413 or 415 and writes nothing', async () => {
    const as = await w.token('editor', ['write']);
    const count = async () =>
      (
        (await w.call({ path: '/articles?limit=100', as: await w.token('owner', ['read']) }))
          .json as {
          items: unknown[];
        }
      ).items.length;
    const before = await count();
    const cases: { body: unknown; headers?: Record<string, string>; status: number }[] = [
      { body: { title: 'x' }, status: 400 },
      { body: { title: 'x', bodyMarkdown: 'y', extra: 1 }, status: 400 },
      { body: { title: 'x'.repeat(301), bodyMarkdown: 'y' }, status: 400 },
      { body: { title: 'x', bodyMarkdown: 'y', publish: { kind: 'later' } }, status: 400 },
      { body: '{"title": ', headers: { 'content-type': 'application/json' }, status: 400 },
      { body: 'title=x', headers: { 'content-type': 'text/plain' }, status: 415 },
      { body: { title: 'x', bodyMarkdown: 'y'.repeat(6_000_000) }, status: 413 },
    ];
    for (const c of cases) {
      const res = await w.call({
        method: 'POST',
        path: '/articles',
        as,
        body: c.body,
        ...(c.headers ? { headers: c.headers } : {}),
      });
      expect(res.status, JSON.stringify(c.body).slice(0, 60)).toBe(c.status);
      expect(Object.keys(res.json as object).sort()).toEqual(['error', 'error_description']);
    }
    expect(await count()).toBe(before);
  });

  describe('every role × credential × scope', () => {
    const writers = allow(['owner', 'editor', 'author', 'contributor'], 200);
    const own = (role: UserRole) => (role === 'moderator' ? 'editor' : role);
    routeMatrix(
      () => w,
      [
        {
          route: 'POST /articles',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author', 'contributor'], 201),
          prepare: async () => ({ path: '/articles', body: { title: 'T', bodyMarkdown: 'B' } }),
        },
        {
          route: 'PATCH /articles/{id}',
          scope: 'write',
          expect: writers,
          prepare: async (_w, role) => {
            const a = await draftBy(own(role));
            return {
              path: `/articles/${a.id}`,
              body: { title: 'Edited' },
              headers: { 'if-match': `"article-${a.id}-r1"` },
            };
          },
        },
        {
          route: 'POST /articles/{id}/publish',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author'], 200),
          prepare: async (_w, role) => ({
            path: `/articles/${(await draftBy(own(role))).id}/publish`,
          }),
        },
        {
          route: 'DELETE /articles/{id}',
          scope: 'write',
          expect: writers,
          prepare: async (_w, role) => ({ path: `/articles/${(await draftBy(own(role))).id}` }),
        },
        {
          route: 'GET /articles/{id}/revisions',
          scope: 'read',
          expect: writers,
          prepare: async (_w, role) => ({
            path: `/articles/${(await draftBy(own(role))).id}/revisions`,
          }),
        },
        {
          route: 'GET /articles/{id}/revisions/{number}',
          scope: 'read',
          expect: writers,
          prepare: async (_w, role) => ({
            path: `/articles/${(await draftBy(own(role))).id}/revisions/1`,
          }),
        },
        {
          route: 'GET /articles/{id}/revisions/{number}/diff',
          scope: 'read',
          expect: writers,
          prepare: async (_w, role) => ({
            path: `/articles/${(await editedBy(own(role))).id}/revisions/1/diff`,
          }),
        },
        {
          route: 'POST /articles/{id}/revisions/{number}/restore',
          scope: 'write',
          expect: writers,
          prepare: async (_w, role) => ({
            path: `/articles/${(await editedBy(own(role))).id}/revisions/1/restore`,
          }),
        },
        {
          route: 'POST /articles/{id}/schedule',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author'], 200),
          prepare: async (_w, role) => ({
            path: `/articles/${(await draftBy(own(role))).id}/schedule`,
            body: { at: '2030-01-01T09:00:00.000Z' },
          }),
        },
        {
          route: 'POST /articles/{id}/unpublish',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author'], 200),
          prepare: async (_w, role) => ({
            path: `/articles/${(await publishedBy(own(role))).id}/unpublish`,
          }),
        },
        {
          route: 'POST /articles/{id}/undelete',
          scope: 'write',
          expect: writers,
          prepare: async (_w, role) => ({
            path: `/articles/${(await trashedBy(own(role))).id}/undelete`,
          }),
        },
        {
          route: 'POST /articles/{id}/corrections',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author'], 201),
          prepare: async (_w, role) => ({
            path: `/articles/${(await publishedBy(own(role))).id}/corrections`,
            body: { note: 'A date was wrong.' },
          }),
        },
        {
          route: 'PATCH /articles/{id} on someone else’s draft',
          scope: 'write',
          expect: allow(['owner', 'editor'], 200),
          prepare: async () => {
            const a = await draftBy('editor');
            return {
              path: `/articles/${a.id}`,
              body: { title: 'Edited by another' },
              headers: { 'if-match': `"article-${a.id}-r1"` },
            };
          },
        },
      ],
    );
  });
});
