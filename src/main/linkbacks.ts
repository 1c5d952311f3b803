import type { ReceiverDeps } from '../app/linkbacks/index.js';
import { slidingWindowLimiter } from '../adapters/sliding-window-limiter.js';
import type { MountedApp } from '../web/app.js';
import type { ClientLimit } from '../web/linkbacks/client-limit.js';
import { socketClientIp } from '../web/client-ip.js';
import {
  linkbackDecorator,
  pingbackApp,
  trackbackApp,
  webmentionApp,
} from '../web/linkbacks/index.js';
import type { Runtime } from './runtime.js';

/**
 * The linkback feature's parts for one HTTP app: the three protocol endpoints and the
 * article-page advertising. Per-client-address limits live in this process's memory; the pair
 * throttle is in the store (shared by every process on the database).
 */
export function linkbacksFeature(rt: Runtime) {
  const receiver: ReceiverDeps = { ...rt.deps, fetch: rt.fetcher };
  const clientIp = socketClientIp;
  // One in-memory window per endpoint and client address (per process, like the comment limits).
  const limit: ClientLimit = {
    limiter: slidingWindowLimiter({ now: () => rt.deps.clock().getTime() }),
    clientIp,
    perWindow: rt.config.linkbackIpPerMinute,
    windowMs: 60_000,
  };
  const areas: MountedApp[] = [
    {
      path: '/webmention',
      app: webmentionApp({ receiver, clientIp, limit, site: () => rt.site() }),
    },
    { path: '/xmlrpc', app: pingbackApp({ receiver, clientIp, limit }) },
    { path: '/trackback', app: trackbackApp({ linkbacks: receiver, clientIp, limit }) },
  ];
  return { decorator: linkbackDecorator({ siteUrl: rt.config.siteUrl }), areas };
}
