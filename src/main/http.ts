import type { Hono } from 'hono';
import { siteApp } from '../web/site/site-app.js';
import { createHttpApp } from '../web/app.js';
import type { Runtime } from './runtime.js';

/** The HTTP application with every area mounted. */
export function buildHttpApp(rt: Runtime): Hono {
  const site = siteApp({ app: rt.deps, site: rt.site, decorators: [] });
  return createHttpApp({ logger: rt.deps.logger, areas: [{ path: '/', app: site }] });
}
