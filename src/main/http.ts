import type { Hono } from 'hono';
import { mediaFileReader } from '../app/media/read-file.js';
import { isStoreUnavailable } from '../store/faults.js';
import { adminApp } from '../web/admin/admin-app.js';
import { ISLANDS_PATH, islandsApp } from '../web/admin/islands.js';
import { mediaApp } from '../web/media/media-app.js';
import { createHttpApp } from '../web/app.js';
import { CSS_HREF } from '../web/assets.js';
import { socketClientIp } from '../web/client-ip.js';
import { notFoundPage } from '../web/error-page.js';
import { PageCache } from '../web/page-cache.js';
import { siteApp, type ArticleDecorator } from '../web/site/site-app.js';
import type { MountedApp } from '../web/app.js';
import { commentsFeature } from './comments.js';
import { linkbacksFeature } from './linkbacks.js';
import type { Runtime } from './runtime.js';
import { edgePolicy } from './edge.js';
import { operationsApp } from './operations.js';
import { publicApiApp } from '../web/api/public/public-api-app.js';
import { adminApiArea } from './admin-api.js';
import { publicContentQueries } from '../store/repositories/public-content.js';
import { fediverseDiscoveryDecorator } from '../fediverse/discovery-decorator.js';
import { staffReplySubscribers } from './fediverse.js';

export interface HttpApp {
  readonly app: Hono;
  readonly cache: PageCache;
}

/** The HTTP application with every area mounted, and the page cache its fast path serves from. */
export function buildHttpApp(
  rt: Runtime,
  opts: { readonly draining?: () => boolean } = {},
): HttpApp {
  const comments = commentsFeature(rt);
  const cache = new PageCache({
    version: () => rt.store.contentVersion(),
    now: () => rt.deps.clock().getTime(),
    maxBytes: rt.config.pageCacheBytes,
    slots: comments.slots,
    readerFill: comments.readerFill,
  });
  const linkbacks = linkbacksFeature(rt);
  const decorators: ArticleDecorator[] = [comments.decorator, linkbacks.decorator];
  if (rt.fediverse) decorators.push(fediverseDiscoveryDecorator({ siteUrl: rt.config.siteUrl }));
  const areas: MountedApp[] = [{ path: '/', app: operationsApp(rt, opts.draining) }];
  const siteDeps = {
    app: rt.deps,
    site: rt.site,
    decorators,
    cache,
    slots: comments.slots,
    edge: edgePolicy(rt.config),
    readerFill: comments.readerFill,
  };
  const site = siteApp(siteDeps);
  // Before the admin: its form and CSRF middleware covers /admin/*, the API answers first.
  areas.push(adminApiArea(rt));
  // Before the admin: its scripts need no session, and the admin would mark them no-store.
  areas.push({ path: ISLANDS_PATH, app: islandsApp() });
  areas.push({
    path: '/',
    app: adminApp({
      app: rt.deps,
      media: rt.media,
      siteTitle: rt.config.siteTitle,
      cssHref: CSS_HREF,
      clientIp: socketClientIp,
      staffReplySubscribers: staffReplySubscribers(rt.fediverse),
    }),
  });
  areas.push({ path: '/comments', app: comments.app(siteDeps) });
  areas.push(...linkbacks.areas);
  areas.push({ path: '/media', app: mediaApp(mediaFileReader(rt.media)) });
  areas.push({
    path: '/api',
    app: publicApiApp({
      content: { ...rt.deps, content: publicContentQueries(rt.store.db) },
      edge: edgePolicy(rt.config),
      version: () => rt.store.contentVersion(),
    }),
  });
  // Federation: WebFinger, NodeInfo and /ap/ only (src/main/fediverse.ts); pages stay as they are.
  areas.push(...(rt.fediverse?.areas() ?? []));
  areas.push({ path: '/', app: site });
  return {
    app: createHttpApp({
      logger: rt.deps.logger,
      areas,
      isUnavailable: isStoreUnavailable,
      notFound: notFoundPage(() => rt.site()),
    }),
    cache,
  };
}
