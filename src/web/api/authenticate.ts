/**
 * Bearer-token authentication for the JSON API (RFC 6750). A request without a token, or with one
 * that is unknown, expired or revoked, gets 401 in the one JSON error shape (web/errors.ts) and a
 * `WWW-Authenticate` challenge; otherwise the token's user and scopes are on `c.var.apiPrincipal`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import {
  authenticateApiToken,
  type ApiPrincipal,
  type ApiTokenRefusal,
} from '../../app/api-tokens/api-tokens.js';
import type { AppDeps } from '../../app/deps.js';
import type { ClientIp } from '../client-ip.js';
import { refuseJson } from '../errors.js';

export interface ApiAuthEnv {
  Variables: { apiPrincipal: ApiPrincipal };
}

const REFUSAL_TEXT: Readonly<Record<ApiTokenRefusal['reason'], string>> = {
  unknown: 'The API token is not one this site issued.',
  expired: 'The API token has expired; create a new one.',
  revoked: 'The API token was revoked.',
};

/** The token of an `Authorization: Bearer …` header; null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header.length > 1024) return null;
  const m = /^Bearer +(\S+) *$/i.exec(header);
  return m?.[1] ?? null;
}

/** The RFC 6750 §3 challenge sent with every 401 of the API. */
export function challenge(c: Context, error?: string): void {
  c.header(
    'WWW-Authenticate',
    error ? `Bearer realm="newsdesk", error="${error}"` : 'Bearer realm="newsdesk"',
  );
  c.header('Cache-Control', 'no-store');
}

/**
 * The principal of the request's bearer token, or the 401 answer refusing it (shared by
 * bearerTokenAuth and the admin API's credentials, web/api/admin/credentials.ts).
 */
export async function authenticateBearer(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  clientIp: ClientIp,
  c: Context,
): Promise<ApiPrincipal | Response> {
  const header = c.req.header('authorization');
  const token = bearerToken(header);
  if (token === null) {
    challenge(c, header === undefined ? undefined : 'invalid_request');
    return refuseJson(
      c,
      'unauthenticated',
      header === undefined
        ? 'Send an API token: Authorization: Bearer nd_…'
        : 'The Authorization header must be: Bearer TOKEN',
      header === undefined ? 'unauthenticated' : 'invalid_request',
    );
  }
  const r = await authenticateApiToken(deps, token, { ip: clientIp(c) });
  if (!r.ok) {
    challenge(c, 'invalid_token');
    return refuseJson(c, 'unauthenticated', REFUSAL_TEXT[r.error.reason], 'invalid_token');
  }
  return r.value;
}

/** Middleware: admits a request with a valid API token, refuses every other with 401. */
export function bearerTokenAuth(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  clientIp: ClientIp,
): MiddlewareHandler<ApiAuthEnv> {
  return async (c, next) => {
    const principal = await authenticateBearer(deps, clientIp, c);
    if (principal instanceof Response) return principal;
    c.set('apiPrincipal', principal);
    await next();
    return undefined;
  };
}
