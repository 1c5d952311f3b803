import { Hono } from 'hono';
import type { Logger } from '../app/ports.js';
import { assetsApp } from './assets.js';

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
export function createHttpApp(opts: { logger: Logger; areas: readonly MountedApp[] }): Hono {
  const app = new Hono();
  // Set before the handlers run, so sub-apps (and the page cache) see them on their responses.
  app.use(async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    await next();
  });
  app.route('/assets', assetsApp());
  for (const area of opts.areas) app.route(area.path, area.app);
  app.onError((error, c) => {
    opts.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.text('Internal Server Error', 500);
  });
  return app;
}
