import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimiter } from '../../app/ports.js';
import type { ClientIp } from '../client-ip.js';

/** How many requests one client address may make to one linkback endpoint, and in what window. */
export interface ClientLimit {
  readonly limiter: RateLimiter;
  readonly clientIp: ClientIp;
  readonly perWindow: number;
  readonly windowMs: number;
}

/**
 * Refuses a client address past its share of an endpoint before the body is read: 429 with
 * `Retry-After` (RFC 6585 §4), in the endpoint's own body format. A request whose address is
 * unknown (not served over a socket) is not limited here.
 */
export function clientLimit(
  endpoint: string,
  limit: ClientLimit,
  refuse: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  return async function perClientLimit(c, next) {
    if (c.req.method !== 'POST') return next();
    const ip = limit.clientIp(c);
    if (ip === null) return next();
    const decision = limit.limiter.take(`${endpoint} ${ip}`, limit.perWindow, limit.windowMs);
    if (decision.allowed) return next();
    c.header('Retry-After', String(decision.retryAfterSeconds));
    return refuse(c);
  };
}
