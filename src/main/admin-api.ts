/** The admin API's wiring: its deps from the runtime (src/web/api/admin/admin-api-app.ts). */
import { adminContentQueries } from '../store/repositories/admin-content.js';
import { adminApiApp } from '../web/api/admin/admin-api-app.js';
import type { MountedApp } from '../web/app.js';
import { socketClientIp } from '../web/client-ip.js';
import type { Runtime } from './runtime.js';
import { sendDeps } from './send-linkbacks.js';

export function adminApiArea(rt: Runtime): MountedApp {
  return {
    // The app carries its own /admin/api base path.
    path: '/',
    app: adminApiApp({
      app: rt.deps,
      media: rt.media,
      content: adminContentQueries(rt.store.db),
      clientIp: socketClientIp,
      limits: { requestsPerWindow: rt.config.apiRequestsPerMinute, windowSeconds: 60 },
      jobs: rt.jobs.queue,
      send: sendDeps({ deps: rt.deps, config: rt.config, fetcher: rt.fetcher }),
    }),
  };
}
