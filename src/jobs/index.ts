import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, Logger } from '../app/ports.js';
import type { Store } from '../store/database.js';
import type { BackoffPolicy } from './backoff.js';
import type { JobEngine } from './contract.js';
import { createPostgresJobEngine } from './postgres/engine.js';
import { createSqliteJobEngine } from './sqlite/engine.js';

export type * from './contract.js';
export { GRAPHILE_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';

export interface JobEngineDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Names this process's claims (SQLite locked_by). Default: host:pid:random. */
  readonly workerId?: string;
  readonly sqlite?: {
    readonly leaseMs?: number;
    readonly backoff?: BackoffPolicy;
    readonly reclaimIntervalMs?: number;
    /** Done jobs are deleted this long after they finished (default 7 days). */
    readonly keepDoneMs?: number;
    /** Dead jobs are deleted this long after they died (default 30 days). */
    readonly keepDeadMs?: number;
    /** How often, on the injected clock, a worker prunes (default 1 hour). */
    readonly pruneIntervalMs?: number;
  };
  readonly postgres?: {
    /** graphile-worker's schema; default graphile_worker. */
    readonly schema?: string;
    readonly resetLockedIntervalMs?: number;
    /** How often a worker beats (default 10 s). */
    readonly heartbeatIntervalMs?: number;
    /** A worker silent this long is taken for dead and its jobs released (default 60 s). */
    readonly staleAfterMs?: number;
  };
}

/** The job engine for the store's dialect (capabilities decide, not the URL). */
export function createJobEngine(store: Store, deps: JobEngineDeps): JobEngine {
  if (store.caps.dialect === 'postgres') {
    if (store.postgresUrl === null) throw new Error('a PostgreSQL store must carry its URL');
    return createPostgresJobEngine({
      db: store.db,
      connectionString: store.postgresUrl,
      logger: deps.logger,
      ...deps.postgres,
    });
  }
  return createSqliteJobEngine({
    db: store.db,
    clock: deps.clock,
    logger: deps.logger,
    workerId: deps.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...deps.sqlite,
  });
}
