import { loadConfig } from '../../src/config/config.js';
import type { Clock, Logger } from '../../src/app/ports.js';
import { silentLogger } from '../../src/app/ports.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../../src/main/server.js';
import type { TestDialect, TestStore } from './dialects.js';

export interface SiteHarness {
  readonly rt: Runtime;
  readonly server: RunningServer;
  readonly base: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 over a fresh store of the given dialect. */
export async function startSite(
  dialect: TestDialect,
  opts: { clock?: Clock; env?: Record<string, string>; logger?: Logger } = {},
): Promise<SiteHarness> {
  const store: TestStore = await dialect.open();
  const config = loadConfig({
    ...store.env,
    NEWSDESK_SITE_URL: 'http://news.test',
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_TIMEZONE: 'Europe/London',
    ...opts.env,
  });
  await store.close();
  const rt = await openRuntime(config, opts.logger ?? silentLogger, { clock: opts.clock });
  const server = await startHttpServer(rt, '127.0.0.1', 0);
  return {
    rt,
    server,
    base: server.url,
    get: (path, init) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init }),
    async close() {
      await server.close();
      await rt.close();
      await store.dispose();
    },
  };
}
