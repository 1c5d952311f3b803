import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * The stack every protocol endpoint gets (protocol endpoints get no cookies and tight
 * limits): a body cap enforced before the handler (Content-Length, or counted while reading a
 * chunked body), no caching, and no Set-Cookie on the way out — these endpoints are called by
 * servers, never by a logged-in browser, and must not start sessions.
 */
export function protocolGuard(opts: {
  readonly maxBytes: number;
  readonly tooLarge: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler[] {
  const noCookies: MiddlewareHandler = async function noCookies(c, next) {
    await next();
    c.res.headers.delete('Set-Cookie');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
  return [noCookies, bodyLimit({ maxSize: opts.maxBytes, onError: opts.tooLarge })];
}
