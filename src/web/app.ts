import { Hono, type Context } from 'hono';
import type { Logger } from '../app/ports.js';
import { FAILURE_CODES } from '../domain/failures.js';
import { assetsApp } from './assets.js';
import { statusFor } from './errors.js';

export interface MountedApp {
  readonly path: string;
  // Each area declares its own context variables; mounting ignores them, so any Env is accepted.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly app: Hono<any>;
}

/**
 * The HTTP application: each area (site, protocol endpoints, forms) is a sub-app with its own
 * middleware, mounted here. Areas refuse with the statuses of web/errors.ts; what reaches the
 * error handler here is a bug, logged and answered 500.
 */
export interface HttpAppOptions {
  readonly logger: Logger;
  readonly areas: readonly MountedApp[];
  /** True for errors that mean the database cannot answer for now (answered 503, not 500). */
  readonly isUnavailable?: (error: unknown) => boolean;
  /** The page for a path no area serves (the site's HTML error page); Hono's plain text if unset. */
  readonly notFound?: (c: Context) => Response | Promise<Response>;
}

/** The site's policy: no scripts at all, no framing; the admin loosens only script-src (admin-csp.ts). */
export const SITE_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** Seconds a client is asked to wait when the database is briefly unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function createHttpApp(opts: HttpAppOptions): Hono {
  const app = new Hono();
  // Set before the handlers run, so sub-apps (and the page cache) see them on their responses.
  app.use(async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('Content-Security-Policy', SITE_CSP);
    await next();
  });
  app.route('/assets', assetsApp());
  for (const area of opts.areas) app.route(area.path, area.app);
  if (opts.notFound) app.notFound(opts.notFound);
  app.onError((error, c) => {
    if (c.req.raw.signal.aborted || clientSocketClosed(c.env)) {
      // The client went away mid-request: nothing to answer, nothing wrong with us.
      opts.logger.debug({ path: c.req.path }, 'client disconnected before the request ended');
      return c.body(null, statusFor('invalid_input'));
    }
    if (opts.isUnavailable?.(error)) {
      // A lock held elsewhere, a restart, a failover, a full disk: the cause is in the log.
      opts.logger.warn({ err: error, path: c.req.path }, 'database unavailable; answered 503');
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      c.header('Cache-Control', 'no-store');
      return c.text(FAILURE_CODES.unavailable, statusFor('unavailable'));
    }
    opts.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.text('Internal Server Error', 500);
  });
  return app;
}

/**
 * True when the reader's own connection is gone (@hono/node-server passes the Node request as
 * `env.incoming`). An ECONNRESET alone proves nothing: the database's socket raises it too.
 */
function clientSocketClosed(env: unknown): boolean {
  const incoming = (env as { incoming?: { socket?: { destroyed?: boolean } | null } } | undefined)
    ?.incoming;
  return incoming?.socket?.destroyed === true;
}
