/**
 * The one registration of the admin API's routes: each route of each group is mounted on Hono
 * and written into the OpenAPI 3.1 document by the same loop, from the same table, so a route
 * cannot be served without being documented (test/admin-api-openapi.test.ts checks both ways).
 *
 * Per route, in order: the token scope (403 insufficient_scope), the role matrix through
 * app/auth/authorize.ts (403 forbidden), If-Match when required (428), the body's type, size and
 * syntax (415, 413, 400), the schemas (400), then the handler's use case.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { authorize } from '../../../app/auth/authorize.js';
import { FAILURE_CODES, type Failure, type FailureCode } from '../../../domain/failures.js';
import { FAILURE_STATUS, refuseJson } from '../../errors.js';
import { ifNoneMatchHits } from '../../if-none-match.js';
import { DEFAULT_JSON_MAX_BYTES, drainBody, readBody } from './body.js';
import type { AdminApiDeps } from './deps.js';
import type { ApiCaller, ApiRoute, ApiRouteGroup } from './route-table.js';

export const ADMIN_API_PREFIX = '/admin/api';

export type AdminApiEnv = { Variables: { caller: ApiCaller } };

export const apiError = z
  .object({
    error: z.string().meta({ description: 'A stable code for programs.' }),
    error_description: z.string().meta({ description: 'A sentence for people.' }),
  })
  .meta({ id: 'Error' });

/** `/articles/{id}` → `/articles/:id`. */
export const honoPath = (openapiPath: string) => openapiPath.replace(/\{(\w+)\}/g, ':$1');

export function refuse(c: Context, f: Pick<Failure, 'code' | 'message'>, error?: string) {
  return refuseJson(c, f.code, f.message, error);
}

function sizeGuard(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: async (c) => {
      await drainBody(c.req.raw);
      c.header('Connection', 'close');
      return refuseJson(c, 'payload_too_large', `the request body is over ${maxBytes} bytes`);
    },
  });
}

function handlerFor(route: ApiRoute, deps: AdminApiDeps) {
  return async (c: Context<AdminApiEnv>) => {
    const caller = c.var.caller;
    if (!caller.scopes.includes(route.scope)) {
      c.header(
        'WWW-Authenticate',
        `Bearer realm="newsdesk", error="insufficient_scope", scope="${route.scope}"`,
      );
      return refuseJson(
        c,
        'forbidden',
        `this token lacks the ${route.scope} scope (it has ${caller.scopes.join(', ')})`,
        'insufficient_scope',
      );
    }
    const allowed = authorize(caller.user, route.action);
    if (!allowed.ok) return refuse(c, allowed.error);
    const ifMatch = c.req.header('if-match') ?? null;
    if (route.ifMatch === 'required' && ifMatch === null) {
      return refuse(c, {
        code: 'precondition_required',
        message: 'send If-Match with the ETag of the version you edited (GET it first)',
      });
    }
    const read = await readBody(c, route.body);
    if (!read.ok) return refuse(c, read.error);
    const query: Record<string, string> = {};
    for (const [name, value] of new URL(c.req.url).searchParams) {
      if (name in query) {
        return refuse(c, {
          code: 'invalid_input',
          message: `query.${name.slice(0, 40)}: given more than once`,
        });
      }
      query[name] = value;
    }
    const result = await route.run({
      caller,
      params: c.req.param() as Record<string, string>,
      query,
      body: read.value.body,
      files: read.value.files,
      ifMatch,
      ip: deps.clientIp(c),
      deps,
    });
    if (!result.ok) return refuse(c, result.error);
    const reply = result.value;
    if (reply.etag) c.header('ETag', reply.etag);
    if (
      reply.etag &&
      route.method === 'get' &&
      ifNoneMatchHits(c.req.header('If-None-Match'), reply.etag)
    ) {
      return c.body(null, 304);
    }
    if (reply.location) c.header('Location', reply.location);
    return c.json(reply.body as object, reply.status ?? route.status);
  };
}

const STANDARD_REFUSALS: readonly FailureCode[] = ['unauthenticated', 'forbidden', 'rate_limited'];

function documentRoute(registry: OpenAPIRegistry, route: ApiRoute, tag: string): void {
  const errorBody = { 'application/json': { schema: apiError } };
  const codes = new Set<FailureCode>([...STANDARD_REFUSALS, ...route.refusals]);
  if (route.params || route.query || route.body) codes.add('invalid_input');
  if (route.body) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (route.ifMatch) codes.add('precondition_failed');
  if (route.ifMatch === 'required') codes.add('precondition_required');
  const refusals: Record<number, { description: string; content: typeof errorBody }> = {};
  for (const code of codes) {
    const status = FAILURE_STATUS[code];
    const line = `\`${code}\`: ${FAILURE_CODES[code]}`;
    const prior = refusals[status];
    refusals[status] = {
      description: prior ? `${prior.description} ${line}` : line,
      content: errorBody,
    };
  }
  const bodyContent = route.body
    ? route.body.kind === 'json'
      ? { 'application/json': { schema: route.body.schema } }
      : {
          'multipart/form-data': {
            schema: (route.body.schema as z.ZodObject).extend(
              Object.fromEntries(
                route.body.files.map((f) => [f, z.string().meta({ format: 'binary' })]),
              ),
            ),
          },
        }
    : undefined;
  registry.registerPath({
    method: route.method,
    path: `${ADMIN_API_PREFIX}${route.path}`,
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description ? `${route.description}\n\n` : ''}Needs the \`${route.scope}\` scope and a role allowed \`${route.action}\`.`,
    tags: [tag],
    security: [{ bearerAuth: [route.scope] }, { sessionCookie: [] }],
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.ifMatch
        ? {
            headers: z.object({
              'If-Match': (route.ifMatch === 'required' ? z.string() : z.string().optional()).meta({
                description: 'The ETag of the version this change starts from.',
              }),
            }),
          }
        : {}),
      ...(bodyContent ? { body: { content: bodyContent, required: true } } : {}),
    },
    responses: {
      [route.status]: {
        description: route.etag ? 'OK. Carries the item’s ETag.' : 'OK',
        content: { 'application/json': { schema: route.response } },
      },
      ...refusals,
    },
  });
}

export interface Registered {
  /** The OpenAPI 3.1 document of every registered route. */
  document(serverUrl: string): Record<string, unknown>;
}

/** Mounts every route of the groups on `api` and describes the same routes in the document. */
export function registerAdminApiRoutes(
  api: Hono<AdminApiEnv>,
  groups: readonly ApiRouteGroup[],
  deps: AdminApiDeps,
): Registered {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`newsdesk token create`); the list names the scope it needs.',
  });
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'nd_session',
    description: 'The admin session; unsafe methods must also send X-CSRF-Token.',
  });
  const tags: { name: string; description: string }[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    tags.push({ name: group.name, description: group.description });
    for (const route of group.routes) {
      const key = `${route.method} ${route.path}`;
      if (seen.has(key)) throw new Error(`admin API route declared twice: ${key}`);
      seen.add(key);
      const path = honoPath(route.path);
      const handler = handlerFor(route, deps);
      const max = route.body?.maxBytes ?? DEFAULT_JSON_MAX_BYTES;
      api.on(route.method.toUpperCase(), path, sizeGuard(max), handler);
      documentRoute(registry, route, group.name);
    }
  }
  return {
    document(serverUrl) {
      const generator = new OpenApiGeneratorV31(registry.definitions);
      return generator.generateDocument({
        openapi: '3.1.0',
        info: {
          title: 'Newsdesk admin API',
          version: '1',
          description:
            'Everything the admin does, for scripts and integrations. See docs/admin-api.md.',
        },
        servers: [{ url: serverUrl }],
        tags,
      }) as unknown as Record<string, unknown>;
    },
  };
}
