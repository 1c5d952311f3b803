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

function challenge(c: Context, error?: string): void {
  c.header(
    'WWW-Authenticate',
    error ? `Bearer realm="newsdesk", error="${error}"` : 'Bearer realm="newsdesk"',
  );
  c.header('Cache-Control', 'no-store');
}

/** Middleware: admits a request with a valid API token, refuses every other with 401. */
export function bearerTokenAuth(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  clientIp: ClientIp,
): MiddlewareHandler<ApiAuthEnv> {
  return async (c, next) => {
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
    c.set('apiPrincipal', r.value);
    await next();
    return undefined;
  };
}
