/**
 * Who calls the admin API: a bearer token (RFC 6750), or the admin's own session cookie for
 * scripts run from a signed-in browser. A cookie is sent by the browser on its own, so an unsafe
 * method with a cookie must also carry `X-CSRF-Token` equal to the session's CSRF token (the value
 * the admin's forms carry): a page on another site can make the browser send the cookie, but it
 * cannot read the token.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { API_TOKEN_SCOPES } from '../../../app/api-tokens/ports.js';
import { csrfTokenFor, sameToken, tokenHash } from '../../../app/auth/session-token.js';
import { resumeSession } from '../../../app/auth/sign-in.js';
import type { AppDeps } from '../../../app/deps.js';
import { refuseJson } from '../../errors.js';
import { authenticateBearer, challenge } from '../authenticate.js';
import type { ClientIp } from '../../client-ip.js';
import type { ApiCaller } from './route-table.js';

/** The admin's session cookie (web/admin/admin-app.tsx sets it). */
export const SESSION_COOKIE = 'nd_session';
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Identified {
  readonly caller: ApiCaller | null;
  /** The rate-limit bucket: the token, the session, or the client address. */
  readonly bucket: string;
  /** The refusal to send (after the rate limit has counted the request); null: go on. */
  readonly refusal: (() => Response) | null;
}

/**
 * Finds the caller without answering yet: the rate limit counts refused attempts too (per
 * address), so guessing tokens costs the guesser its quota.
 */
export async function identify(
  deps: Pick<AppDeps, 'uow' | 'clock' | 'repos'>,
  clientIp: ClientIp,
  c: Context,
): Promise<Identified> {
  const byAddress = `ip:${clientIp(c) ?? 'unknown'}`;
  if (c.req.header('authorization') !== undefined) {
    const principal = await authenticateBearer(deps, clientIp, c);
    if (principal instanceof Response) {
      return { caller: null, bucket: byAddress, refusal: () => principal };
    }
    return {
      caller: { user: principal.user, scopes: principal.scopes, via: 'token' },
      bucket: `token:${principal.token.id}`,
      refusal: null,
    };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const active = cookie ? await resumeSession(deps, cookie) : undefined;
  if (!active || !cookie) {
    return {
      caller: null,
      bucket: byAddress,
      refusal: () => {
        challenge(c);
        return refuseJson(
          c,
          'unauthenticated',
          cookie
            ? 'The session has ended; sign in again or send an API token.'
            : 'Send an API token (Authorization: Bearer nd_…) or the admin session cookie.',
        );
      },
    };
  }
  const bucket = `session:${tokenHash(cookie).slice(0, 32)}`;
  if (!SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER) ?? '';
    if (!sameToken(sent, csrfTokenFor(cookie))) {
      return {
        caller: null,
        bucket,
        refusal: () => {
          c.header('Cache-Control', 'no-store');
          return refuseJson(
            c,
            'forbidden',
            `With the session cookie, a ${c.req.method} must carry ${CSRF_HEADER} (the session's CSRF token).`,
            'csrf_failed',
          );
        },
      };
    }
  }
  return {
    caller: { user: active.user, scopes: API_TOKEN_SCOPES, via: 'session' },
    bucket,
    refusal: null,
  };
}
