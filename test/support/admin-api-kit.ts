/**
 * The admin API's test kit: a real server on 127.0.0.1 with a user of every role, their API
 * tokens and sessions, a small client, and `routeMatrix`, which turns a table of routes and the
 * status each role expects into tests over both credentials (a token with the route's scope, the
 * session cookie with its CSRF header) and over a token without the scope. Route groups added
 * later reuse it as they are: one MatrixCase per route.
 */
import { expect, it } from 'vitest';
import { createApiToken } from '../../src/app/api-tokens/api-tokens.js';
import type { ApiTokenScope } from '../../src/app/api-tokens/ports.js';
import { scopesFor } from '../../src/app/api-tokens/scope-roles.js';
import { csrfTokenFor } from '../../src/app/auth/session-token.js';
import { signIn } from '../../src/app/auth/sign-in.js';
import { USER_ROLES, type Author, type UserRole } from '../../src/domain/article.js';
import type { Clock } from '../../src/app/ports.js';
import { aUser, PASSWORD } from './admin-client.js';
import type { TestDialect } from './dialects.js';
import { startSite, type SiteHarness } from './site-harness.js';

export const API = '/admin/api';

export interface Credentials {
  /** `Authorization` value, or the session cookie with its CSRF token. */
  readonly bearer?: string;
  readonly session?: { readonly cookie: string; readonly csrf: string };
}

export interface ApiRequest {
  readonly method?: string;
  /** Under /admin/api: `/articles/12`. */
  readonly path: string;
  readonly as?: Credentials;
  /** JSON-encoded unless a string, FormData or Blob. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** False: a cookie caller does not send X-CSRF-Token. */
  readonly csrf?: boolean;
}

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  readonly json: unknown;
  readonly text: string;
}

export interface ApiWorld {
  readonly site: SiteHarness;
  readonly users: Readonly<Record<UserRole, Author>>;
  /** A token of the role's user with these scopes (made once per role and scope set). */
  token(role: UserRole, scopes: readonly ApiTokenScope[]): Promise<Credentials>;
  /** A signed-in session of the role's user. */
  session(role: UserRole): Promise<Credentials>;
  call(req: ApiRequest): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export async function startApiWorld(
  dialect: TestDialect,
  opts: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<ApiWorld> {
  const site = await startSite(dialect, {
    env: { NEWSDESK_API_REQUESTS_PER_MINUTE: '100000', NEWSDESK_DEMO_CONTENT: '0', ...opts.env },
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const d = site.rt.deps;
  const users = {} as Record<UserRole, Author>;
  for (const role of USER_ROLES) users[role] = await aUser(d, role, `The ${role}`);
  const tokens = new Map<string, Credentials>();
  const sessions = new Map<UserRole, Credentials>();
  return {
    site,
    users,
    async token(role, scopes) {
      const key = `${role}:${[...scopes].sort().join(',')}`;
      const known = tokens.get(key);
      if (known) return known;
      const r = await createApiToken(d, 'cli', {
        userEmail: users[role].email,
        name: `test ${key}`,
        scopes,
      });
      if (!r.ok) throw new Error(r.error.message);
      const made = { bearer: `Bearer ${r.value.secret}` };
      tokens.set(key, made);
      return made;
    },
    async session(role) {
      const known = sessions.get(role);
      if (known) return known;
      const r = await signIn(d, {
        email: users[role].email,
        password: PASSWORD,
        ip: null,
        userAgent: null,
      });
      if (!r.ok) throw new Error(r.error.message);
      const made = { session: { cookie: r.value.token, csrf: csrfTokenFor(r.value.token) } };
      sessions.set(role, made);
      return made;
    },
    call: (req) => apiCall(site.base, req),
    close: () => site.close(),
  };
}

export async function apiCall(base: string, req: ApiRequest): Promise<ApiAnswer> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = { ...req.headers };
  if (req.as?.bearer) headers.authorization = req.as.bearer;
  if (req.as?.session) {
    headers.cookie = `nd_session=${req.as.session.cookie}`;
    if (req.csrf !== false && method !== 'GET') headers['x-csrf-token'] = req.as.session.csrf;
  }
  let body: BodyInit | undefined;
  if (req.body instanceof FormData || typeof req.body === 'string') body = req.body;
  else if (req.body instanceof Blob) body = req.body;
  else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${API}${req.path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let json: unknown = null;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, json, text };
}

/** What one route case needs per request: its concrete path and body, made fresh per role. */
export interface Prepared {
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface MatrixCase {
  /** `GET /articles/{id}`: the route as the document names it. */
  readonly route: string;
  readonly scope: ApiTokenScope;
  /** The status each role gets with sufficient credentials. */
  readonly expect: Readonly<Record<UserRole, number>>;
  /** Makes what the request acts on (an article of `role`'s, …), once per request. */
  prepare(world: ApiWorld, role: UserRole): Promise<Prepared>;
}

/** Shorthand for `expect`: these roles get `ok`, the others `refused` (403 by default). */
export function allow(
  roles: readonly UserRole[],
  ok: number,
  refused = 403,
): Record<UserRole, number> {
  return Object.fromEntries(USER_ROLES.map((r) => [r, roles.includes(r) ? ok : refused])) as Record<
    UserRole,
    number
  >;
}

const methodOf = (route: string) => route.split(' ')[0] ?? 'GET';

/**
 * For each case and role: a token with exactly the case's scope gets the expected status, so
 * does the role's session (with its CSRF header), and a token with every other scope but that one
 * is refused 403 `insufficient_scope`. Declares its tests; call it inside a describe.
 */
export function routeMatrix(world: () => ApiWorld, cases: readonly MatrixCase[]): void {
  for (const c of cases) {
    for (const role of USER_ROLES) {
      it(`${c.route} answers ${c.expect[role]} to a ${role}, by token and by session, and 403 to a token without ${c.scope}`, async () => {
        const w = world();
        const method = methodOf(c.route);
        // A token carries only scopes its user's role could use (app/api-tokens/scope-roles.ts).
        const held = scopesFor(role);
        if (held.includes(c.scope)) {
          const viaToken = await c.prepare(w, role);
          const byToken = await w.call({ method, ...viaToken, as: await w.token(role, [c.scope]) });
          expect(byToken.status, `${role} by token: ${byToken.text}`).toBe(c.expect[role]);
          if (byToken.status >= 400)
            expect(Object.keys(byToken.json as object).sort()).toEqual([
              'error',
              'error_description',
            ]);
        } else {
          await expect(w.token(role, [c.scope])).rejects.toThrow(/may not have/);
          expect(c.expect[role], `${role} cannot hold ${c.scope}, so must be refused`).toBe(403);
        }

        const viaSession = await c.prepare(w, role);
        const bySession = await w.call({ method, ...viaSession, as: await w.session(role) });
        expect(bySession.status, `${role} by session: ${bySession.text}`).toBe(c.expect[role]);

        const others = held.filter((s) => s !== c.scope);
        if (others.length > 0) {
          const viaOther = await c.prepare(w, role);
          const narrow = await w.call({ method, ...viaOther, as: await w.token(role, others) });
          expect(narrow.status, `${role} without ${c.scope}: ${narrow.text}`).toBe(403);
          expect((narrow.json as { error: string }).error).toBe('insufficient_scope');
        }
      });
    }
  }
}
