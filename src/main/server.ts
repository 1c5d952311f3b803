import { serve, type ServerType } from '@hono/node-server';
import type { Runtime } from './runtime.js';
import { buildHttpApp } from './http.js';

export interface RunningServer {
  readonly url: string;
  readonly server: ServerType;
  close(): Promise<void>;
}

export function startHttpServer(rt: Runtime, host: string, port: number): Promise<RunningServer> {
  const app = buildHttpApp(rt);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
