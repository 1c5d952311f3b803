import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { serveFromCache } from '../web/fast-path.js';
import type { PageCache } from '../web/page-cache.js';
import type { Runtime } from './runtime.js';
import { buildHttpApp } from './http.js';

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** The rendered pages the fast path serves from. */
  readonly cache: PageCache;
  close(): Promise<void>;
}

export function startHttpServer(rt: Runtime, host: string, port: number): Promise<RunningServer> {
  const { app, cache } = buildHttpApp(rt);
  const listener = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    serveFromCache(cache, req, res).then(
      async (served) => {
        if (!served) await listener(req, res);
      },
      (error: unknown) => {
        rt.deps.logger.error({ err: error }, 'page cache failed; rendering instead');
        return listener(req, res);
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (!address || typeof address === 'string') return reject(new Error('no address'));
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        server,
        cache,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
