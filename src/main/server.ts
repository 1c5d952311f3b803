import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { serveFromCache } from '../web/fast-path.js';
import type { PageCache } from '../web/page-cache.js';
import { requestIdOf } from '../web/request-id.js';
import { routePattern } from '../web/route-pattern.js';
import type { Runtime } from './runtime.js';
import { buildHttpApp } from './http.js';

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** The rendered pages the fast path serves from. */
  readonly cache: PageCache;
  /** Closes at once, cutting requests in flight (tests). */
  close(): Promise<void>;
  /**
   * Graceful stop: accepts no new connection, /readyz answers 503, requests in flight finish.
   * Resolves true when they all did within `timeoutMs`, false when some were cut off then.
   */
  shutdown(timeoutMs: number): Promise<boolean>;
}

/** Longest request target kept in a log line. */
const LOGGED_URL_CHARS = 1000;

export function startHttpServer(rt: Runtime, host: string, port: number): Promise<RunningServer> {
  let draining = false;
  const { app, cache } = buildHttpApp(rt, { draining: () => draining });
  rt.metrics.trackPageCache(() => ({ entries: cache.size, bytes: cache.bytes }));
  const listener = getRequestListener(app.fetch);
  const logger = rt.deps.logger;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  /**
   * The access log line and the request metrics, once the response ends; returns the headers
   * every response carries (the request id, and while draining `Connection: close`, so no
   * connection is kept for another request).
   */
  const track = (req: IncomingMessage, res: ServerResponse): string[] => {
    const started = performance.now();
    const id = requestIdOf(req.headers['x-request-id']);
    inFlight++;
    res.once('close', () => {
      inFlight--;
      const seconds = (performance.now() - started) / 1000;
      const url = req.url ?? '';
      const route = routePattern(url);
      rt.metrics.observeRequest(req.method ?? 'other', route, res.statusCode, seconds);
      logger.info(
        {
          reqId: id,
          method: req.method,
          url: url.length > LOGGED_URL_CHARS ? `${url.slice(0, LOGGED_URL_CHARS)}…` : url,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
      if (inFlight === 0) onIdle?.();
    });
    return draining ? ['X-Request-Id', id, 'Connection', 'close'] : ['X-Request-Id', id];
  };

  /** The application's path: its responses get the server's headers through `setHeader`. */
  const render = (req: IncomingMessage, res: ServerResponse, head: readonly string[]) => {
    if (!res.headersSent) {
      for (let i = 0; i < head.length; i += 2) res.setHeader(head[i]!, head[i + 1]!);
    }
    return listener(req, res);
  };

  const server = createServer((req, res) => {
    const head = track(req, res);
    const cacheable = req.method === 'GET' || req.method === 'HEAD';
    serveFromCache(cache, req, res, head).then(
      async (served) => {
        if (cacheable) rt.metrics.pageCacheLookup(served);
        if (!served) await render(req, res, head);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'page cache failed; rendering instead');
        return render(req, res, head);
      },
    );
  });

  const shutdown = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      draining = true;
      server.close();
      server.closeIdleConnections();
      let settled = false;
      const settle = (clean: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        onIdle = null;
        server.closeAllConnections();
        resolve(clean);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      onIdle = () => settle(true);
      if (inFlight === 0) settle(true);
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
        shutdown,
      });
    });
  });
}
