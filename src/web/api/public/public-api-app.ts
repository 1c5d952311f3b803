/**
 * The public content API under /api/: read-only JSON of what the site shows, with no
 * credentials. Every query string is validated by the route's zod schema (schemas.ts); unknown
 * or repeated parameters are refused, so a stranger cannot fill the edge with made-up URLs. Each
 * answer carries the site's cache rules: Cache-Control and surrogate keys (web/edge-cache.ts),
 * and a strong ETag with 304 for a matching If-None-Match.
 */
import { Hono, type Context } from 'hono';
import type { ZodType } from 'zod';
import {
  getPublicArticle,
  listPublicArticles,
  listPublicAuthors,
  listPublicTerms,
  type Keyed,
  type PublicDeps,
} from '../../../app/public-content/read.js';
import { PATHS_KEY } from '../../../domain/surrogate-keys.js';
import type { Failure } from '../../../domain/failures.js';
import { etagOf } from '../../conditional.js';
import { edgeHeaders, tagResponse, type EdgeKind, type EdgePolicy } from '../../edge-cache.js';
import { refuseJson } from '../../errors.js';
import { ifNoneMatchHits } from '../../if-none-match.js';
import { publicOpenApiDocument, PUBLIC_ROUTES, type PublicRoute } from './openapi.js';
import { articleParams } from './schemas.js';
import { AnswerMemo } from './answer-memo.js';

export interface PublicApiDeps {
  readonly content: PublicDeps;
  readonly edge: EdgePolicy;
  /** The store's content version (bumped by every public write); answers are kept while it holds. */
  readonly version?: () => Promise<number>;
}

const DEFAULT_LIMIT = 20;

type Parsed = { ok: true; value: Record<string, string> } | { ok: false; message: string };

/** The query string as one value per name, checked by the route's schema. */
function parseQuery(c: Context, schema: ZodType): Parsed {
  const params = new URL(c.req.url).searchParams;
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in values) return { ok: false, message: `${name.slice(0, 40)}: given more than once` };
    values[name] = value;
  }
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, value: r.data as Record<string, string> };
  const issue = r.error.issues[0];
  const where = issue?.path.join('.') || (issue && 'keys' in issue ? String(issue.keys) : 'query');
  return { ok: false, message: `${where.slice(0, 60)}: ${issue?.message ?? 'invalid'}` };
}

export function publicApiApp(deps: PublicApiDeps): Hono {
  const api = new Hono();
  const now = () => deps.content.clock().getTime();

  const memo = new AnswerMemo({ now });
  const memoKey = (c: Context) => {
    const url = new URL(c.req.url);
    url.searchParams.sort();
    return `${url.pathname}?${url.searchParams}`;
  };
  const reply = (c: Context, body: string, etag: string) => {
    c.header('ETag', etag);
    c.header('Vary', 'Accept-Encoding');
    if (ifNoneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  };
  /** The content version read before this request's answer was built (null: no memo). */
  const versionRead = new WeakMap<Request, number>();

  const send = (c: Context, kind: EdgeKind, answer: Keyed<unknown>) => {
    const body = JSON.stringify(answer.body);
    const etag = etagOf(body);
    const headers = edgeHeaders(deps.edge, {
      kind,
      keys: answer.keys,
      ...(answer.until === undefined ? {} : { until: answer.until, now: now() }),
    });
    for (const [name, value] of headers) c.header(name, value);
    const version = versionRead.get(c.req.raw);
    if (version !== undefined) {
      memo.store(memoKey(c), { body, etag, headers, version }, answer.until);
    }
    return reply(c, body, etag);
  };
  const refuse = (c: Context, f: Pick<Failure, 'code' | 'message'>) => {
    // Refusals are cached briefly, like the site's 404s; they depend on which paths exist.
    tagResponse(c, deps.edge, { kind: 'error', keys: [PATHS_KEY] });
    return refuseJson(c, f.code, f.message);
  };

  const handlers: Record<string, (c: Context, q: Record<string, string>) => Promise<Response>> = {
    '/articles': (c, q) => list(c, 'article', q),
    '/pages': (c, q) => list(c, 'page', q),
    '/articles/:ref': (c) => one(c, 'article'),
    '/pages/:ref': (c) => one(c, 'page'),
    '/authors': async (c) => send(c, 'list', await listPublicAuthors(deps.content)),
    '/terms': async (c, q) => {
      const kind = q.kind === 'category' || q.kind === 'tag' ? q.kind : null;
      return send(c, 'list', await listPublicTerms(deps.content, kind));
    },
  };

  async function list(c: Context, kind: 'article' | 'page', q: Record<string, string>) {
    const r = await listPublicArticles(deps.content, {
      kind,
      cursor: q.cursor ?? null,
      limit: q.limit ? Number(q.limit) : DEFAULT_LIMIT,
    });
    return r.ok ? send(c, 'list', r.value) : refuse(c, r.error);
  }

  async function one(c: Context, kind: 'article' | 'page') {
    const p = articleParams.safeParse({ ref: c.req.param('ref') });
    if (!p.success) return refuse(c, { code: 'invalid_input', message: 'ref: an id or a slug' });
    const ref = p.data.ref;
    // A number is an id first; a slug made only of digits ("2026") is found when no id matches.
    let r = /^\d+$/.test(ref)
      ? await getPublicArticle(deps.content, { id: Number(ref) })
      : await getPublicArticle(deps.content, { slug: ref });
    if ((!r.ok || r.value.body.kind !== kind) && /^\d+$/.test(ref)) {
      r = await getPublicArticle(deps.content, { slug: ref });
    }
    if (!r.ok || r.value.body.kind !== kind) {
      return refuse(c, { code: 'not_found', message: `no such published ${kind}` });
    }
    return send(c, 'page', r.value);
  }

  const mount = (route: PublicRoute) => {
    const handler = handlers[route.path];
    if (!handler) throw new Error(`no handler for ${route.path}`);
    api.get(route.path, async (c) => {
      const q = parseQuery(c, route.query);
      if (!q.ok) return refuse(c, { code: 'invalid_input', message: q.message });
      if (deps.version) {
        const version = await deps.version();
        const hit = memo.lookup(memoKey(c), version);
        if (hit) {
          for (const [name, value] of hit.headers) c.header(name, value);
          return reply(c, hit.body, hit.etag);
        }
        versionRead.set(c.req.raw, version);
      }
      return handler(c, q.value);
    });
  };
  for (const route of PUBLIC_ROUTES) mount(route);

  let document: string | null = null;
  api.get('/openapi.json', (c) => {
    document ??= JSON.stringify(publicOpenApiDocument(deps.content.siteUrl));
    return send(c, 'list', { body: JSON.parse(document) as unknown, keys: [] });
  });
  api.all('*', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('Allow', 'GET, HEAD');
      return refuseJson(c, 'method_not_allowed', 'the public API is read-only');
    }
    return refuse(c, { code: 'not_found', message: 'no such API route' });
  });
  return api;
}
