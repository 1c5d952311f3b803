import type { ReceiverDeps } from '../app/linkbacks/index.js';
import { slidingWindowLimiter } from '../adapters/sliding-window-limiter.js';
import type { MountedApp } from '../web/app.js';
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
 * article-page advertising. The pair throttle lives in this process's memory (per process).
 */
export function linkbacksFeature(rt: Runtime) {
  const receiver: ReceiverDeps = {
    ...rt.deps,
    fetch: rt.fetcher,
    throttle: slidingWindowLimiter({ now: () => rt.deps.clock().getTime() }),
  };
  const clientIp = socketClientIp;
  const areas: MountedApp[] = [
    { path: '/webmention', app: webmentionApp({ receiver, clientIp }) },
    { path: '/xmlrpc', app: pingbackApp({ receiver, clientIp }) },
    { path: '/trackback', app: trackbackApp({ linkbacks: receiver, clientIp }) },
  ];
  return { decorator: linkbackDecorator({ siteUrl: rt.config.siteUrl }), areas };
}
