/**
 * The admin JSON API under /admin/api/: its own middleware stack (no forms, no admin HTML), in
 * front of the admin area so the admin's form and CSRF middleware never sees an API request.
 *
 * Every request: `Cache-Control: no-store`, the caller identified (token or session), one request
 * counted against the caller's quota (or the address's, without credentials) with the RateLimit
 * headers, then the route (register.ts). The OpenAPI document at /admin/api/openapi.json needs no
 * credentials: it describes the API, never the site's content, and clients are generated from it.
 */
import { Hono } from 'hono';
import { refuseJson } from '../../errors.js';
import { identify } from './credentials.js';
import type { AdminApiDeps } from './deps.js';
import { fixedWindowQuota, rateLimitHeader, rateLimitPolicyHeader } from './rate-limit.js';
import {
  ADMIN_API_PREFIX,
  registerAdminApiRoutes,
  type AdminApiEnv,
  type Registered,
} from './register.js';
import type { ApiRouteGroup } from './route-table.js';
import { ADMIN_API_GROUPS } from './routes/index.js';

export function adminApiApp(
  deps: AdminApiDeps,
  groups: readonly ApiRouteGroup[] = ADMIN_API_GROUPS,
): Hono<AdminApiEnv> {
  const api = new Hono<AdminApiEnv>().basePath(ADMIN_API_PREFIX);
  const quota = fixedWindowQuota({
    limit: deps.limits.requestsPerWindow,
    windowSeconds: deps.limits.windowSeconds,
    now: () => deps.app.clock().getTime(),
  });

  api.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    await next();
  });

  // Declared before the credentials middleware (no credentials needed); filled once routes exist.
  let registered: Registered | null = null;
  let document: string | null = null;
  api.get('/openapi.json', (c) => {
    document ??= JSON.stringify(registered?.document(deps.app.siteUrl));
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  api.use('*', async (c, next) => {
    const who = await identify(deps.app, deps.clientIp, c);
    const decision = quota.take(who.bucket);
    c.header('RateLimit-Policy', rateLimitPolicyHeader(quota));
    c.header('RateLimit', rateLimitHeader(decision));
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.resetSeconds));
      return refuseJson(
        c,
        'rate_limited',
        `over ${quota.limit} requests in ${quota.windowSeconds} s; try again in ${decision.resetSeconds} s`,
      );
    }
    if (who.refusal) return who.refusal();
    if (!who.caller) throw new Error('a caller without a refusal must be known');
    c.set('caller', who.caller);
    await next();
    return undefined;
  });

  registered = registerAdminApiRoutes(api, groups, deps);

  api.all('*', (c) => {
    const path = c.req.path.slice(ADMIN_API_PREFIX.length) || '/';
    const methods = api.routes
      .filter((r) => r.method !== 'ALL' && matches(r.path.slice(ADMIN_API_PREFIX.length), path))
      .map((r) => r.method);
    if (methods.length > 0) {
      c.header('Allow', [...new Set(methods)].join(', '));
      return refuseJson(c, 'method_not_allowed', `${c.req.method} is not a method of this route`);
    }
    return refuseJson(c, 'not_found', 'no such admin API route; see /admin/api/openapi.json');
  });
  return api;
}

/** True when a Hono path pattern (`/articles/:id`) matches a concrete path. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}
