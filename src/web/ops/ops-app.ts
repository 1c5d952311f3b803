/**
 * Endpoints for operators and load balancers, never cached:
 * - `GET /healthz`: liveness. The process answers; no database read (a database outage must not
 *   get every node restarted).
 * - `GET /readyz`: readiness. 200 when the database answers and every migration this build knows
 *   has run; 503 with `{"ready":false,"reason":…}` otherwise, and while the node shuts down.
 * - `GET /metrics`: Prometheus text format, only for allowed callers (an address list, or a
 *   bearer token); others get 404, as if there were nothing there.
 */
import { Hono, type Context } from 'hono';
import { statusFor } from '../errors.js';

export type Readiness =
  | { readonly ready: true }
  | { readonly ready: false; readonly reason: string; readonly detail?: string };

export interface OpsAppDeps {
  readonly readiness: () => Promise<Readiness>;
  /** Any detail of a failed check goes to the operator's log, not into the answer. */
  /** True from the moment the node starts shutting down. */
  readonly draining: () => boolean;
  readonly metrics: () => Promise<{ readonly contentType: string; readonly body: string }>;
  /** May this caller (peer address, Authorization header) read the metrics? */
  readonly metricsAllowed: (ip: string | null, authorization: string | undefined) => boolean;
  readonly clientIp: (c: Context) => string | null;
}

const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

export function opsApp(deps: OpsAppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => {
    noStore(c);
    return c.json({ ok: true });
  });
  app.get('/readyz', async (c) => {
    noStore(c);
    if (deps.draining()) return c.json({ ready: false, reason: 'shutting_down' }, 503);
    const state = await deps.readiness().catch((error: unknown): Readiness => ({
      ready: false,
      reason: 'database_unreachable',
      detail: error instanceof Error ? error.message : String(error),
    }));
    // The reason only: a database error's text may name hosts, and /readyz is public.
    return c.json(
      state.ready ? { ready: true } : { ready: false, reason: state.reason },
      state.ready ? 200 : 503,
    );
  });
  app.get('/metrics', async (c) => {
    noStore(c);
    if (!deps.metricsAllowed(deps.clientIp(c), c.req.header('authorization'))) {
      return c.text('Not Found', statusFor('not_found'));
    }
    const { contentType, body } = await deps.metrics();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
  return app;
}
