/**
 * The admin API's route table: each route declares its method, path, the role-matrix action
 * (domain/permissions.ts) and token scope it needs, its zod request and response schemas, and a
 * handler that calls the app/ use cases. `defineRoute` keeps the handler typed by the schemas;
 * register.ts mounts every route on Hono and writes the same table into the OpenAPI document, so
 * the two cannot differ.
 */
import type { z, ZodObject, ZodType } from 'zod';
import type { ApiTokenScope } from '../../../app/api-tokens/ports.js';
import type { Author } from '../../../domain/article.js';
import { failure, type Failure, type FailureCode } from '../../../domain/failures.js';
import type { Action } from '../../../domain/permissions.js';
import { err, type Result } from '../../../domain/result.js';
import type { AdminApiDeps } from './deps.js';

export type ApiMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Who calls: a token's user narrowed by its scopes, or a signed-in session (every scope). */
export interface ApiCaller {
  readonly user: Author;
  readonly scopes: readonly ApiTokenScope[];
  readonly via: 'token' | 'session';
}

export interface ApiReply<T> {
  readonly status?: 200 | 201;
  readonly body: T;
  /** A strong entity tag of the item (for articles: derived from its revision, see etag.ts). */
  readonly etag?: string;
  /** For 201: where the new item is. */
  readonly location?: string;
}

/** One uploaded file of a multipart body. */
export interface UploadedFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export interface ApiInput<P, Q, B> {
  readonly caller: ApiCaller;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Files of a multipart body, by field name (empty for JSON bodies). */
  readonly files: ReadonlyMap<string, UploadedFile>;
  /** The If-Match header; null when absent (a route with `ifMatch: 'required'` never sees null). */
  readonly ifMatch: string | null;
  readonly ip: string | null;
  readonly deps: AdminApiDeps;
}

export type BodySpec<B extends ZodType> =
  | { readonly kind: 'json'; readonly schema: B; readonly maxBytes?: number }
  | {
      readonly kind: 'multipart';
      /** The text fields. */
      readonly schema: B;
      /** The file fields, each required. */
      readonly files: readonly string[];
      readonly maxBytes: number;
    };

type AnyObject = ZodObject;

export interface ApiRouteSpec<
  P extends AnyObject,
  Q extends AnyObject,
  B extends ZodType,
  R extends ZodType,
> {
  readonly method: ApiMethod;
  /** The path under /admin/api in OpenAPI form: `/articles/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** What the caller's role must allow (checked before the handler, which may check more). */
  readonly action: Action;
  /** What the token must carry: read for GET, write for edits, moderate for the discussion. */
  readonly scope: ApiTokenScope;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: BodySpec<B>;
  readonly response: R;
  readonly status?: 200 | 201;
  /** `required`: answered 428 without If-Match; `optional`: honoured when sent. */
  readonly ifMatch?: 'required' | 'optional';
  /** True when the answer carries an ETag. */
  readonly etag?: boolean;
  /** Refusals the handler may answer, for the document (auth, scope, rate and input are implied). */
  readonly refusals?: readonly FailureCode[];
  handle(
    input: ApiInput<z.output<P>, z.output<Q>, z.output<B>>,
  ): Promise<Result<ApiReply<z.input<R>>, Failure>>;
}

/** What register.ts hands a route: the request's raw parts, before any schema. */
export interface RawInput {
  readonly caller: ApiCaller;
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly files: ReadonlyMap<string, UploadedFile>;
  readonly ifMatch: string | null;
  readonly ip: string | null;
  readonly deps: AdminApiDeps;
}

/** A route with its types erased: what a route group exports and register.ts mounts. */
export interface ApiRoute {
  readonly method: ApiMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly action: Action;
  readonly scope: ApiTokenScope;
  readonly params?: AnyObject;
  readonly query?: AnyObject;
  readonly body?: BodySpec<ZodType>;
  readonly response: ZodType;
  readonly status: 200 | 201;
  readonly ifMatch?: 'required' | 'optional';
  readonly etag: boolean;
  readonly refusals: readonly FailureCode[];
  /** Validates the raw parts with the route's schemas, then runs the handler. */
  run(raw: RawInput): Promise<Result<ApiReply<unknown>, Failure>>;
}

/** A route group: a tag in the document and its routes (one file per group under routes/). */
export interface ApiRouteGroup {
  readonly name: string;
  readonly description: string;
  readonly routes: readonly ApiRoute[];
}

/** The first issue of a failed parse as `where: message`, bounded (echoes no long input). */
export function issueText(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const keys = issue && 'keys' in issue ? ` ${String(issue.keys).slice(0, 80)}` : '';
  const at = path ? `${where}.${path}` : where;
  return `${at.slice(0, 100)}: ${(issue?.message ?? 'invalid').slice(0, 200)}${keys}`;
}

function parsePart<S extends ZodType | undefined>(
  where: string,
  schema: S,
  value: unknown,
): Result<S extends ZodType ? z.output<S> : Record<string, never>, Failure> {
  type Out = S extends ZodType ? z.output<S> : Record<string, never>;
  if (!schema) {
    const empty =
      value === undefined ||
      (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
    return empty
      ? { ok: true, value: {} as Out }
      : err(failure('invalid_input', `${where}: this route takes none`));
  }
  const r = schema.safeParse(value);
  return r.success
    ? { ok: true, value: r.data as Out }
    : err(failure('invalid_input', issueText(where, r.error)));
}

export function defineRoute<
  P extends AnyObject,
  Q extends AnyObject,
  B extends ZodType,
  R extends ZodType,
>(spec: ApiRouteSpec<P, Q, B, R>): ApiRoute {
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    action: spec.action,
    scope: spec.scope,
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    response: spec.response,
    status: spec.status ?? 200,
    ...(spec.ifMatch ? { ifMatch: spec.ifMatch } : {}),
    etag: spec.etag ?? false,
    refusals: spec.refusals ?? [],
    async run(raw) {
      const params = parsePart('params', spec.params, raw.params);
      if (!params.ok) return params;
      const query = parsePart('query', spec.query, raw.query);
      if (!query.ok) return query;
      const body = parsePart('body', spec.body?.schema, raw.body);
      if (!body.ok) return body;
      return spec.handle({
        caller: raw.caller,
        params: params.value as z.output<P>,
        query: query.value as z.output<Q>,
        body: body.value as z.output<B>,
        files: raw.files,
        ifMatch: raw.ifMatch,
        ip: raw.ip,
        deps: raw.deps,
      });
    },
  };
}
