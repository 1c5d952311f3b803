import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock, Logger } from '../../app/ports.js';
import type { Database } from '../../store/schema.js';
import { GRAPHILE_BACKOFF, type BackoffPolicy } from '../backoff.js';
import type { JobEngine, JobQueue, TaskRegistry, WorkerOptions } from '../contract.js';
import { normalizeRequest } from '../validate-request.js';
import { parseJobId, toJobInfo } from './row.js';
import { enqueueJob } from './sql/enqueue.js';
import { listJobs } from './sql/list.js';
import { retryJob } from './sql/retry.js';
import { queueStats } from './sql/stats.js';
import { startWorkerLoop } from './worker-loop.js';

export interface SqliteJobEngineDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly workerId: string;
  /**
   * How long a claim holds without renewal (default 60 s). A running job renews it every third
   * of this, so it bounds how soon a crashed worker's job runs again, not how long a job may take.
   */
  readonly leaseMs?: number;
  /** Default: graphile-worker's schedule, so both engines retry alike. */
  readonly backoff?: BackoffPolicy;
  /** How often (on the injected clock) to look for expired leases; default a quarter lease. */
  readonly reclaimIntervalMs?: number;
  /** Done jobs are deleted this long after they finished (default 7 days). */
  readonly keepDoneMs?: number;
  /** Dead jobs are deleted this long after they died (default 30 days). */
  readonly keepDeadMs?: number;
  /** How often (on the injected clock) a worker prunes; default once an hour. */
  readonly pruneIntervalMs?: number;
  /**
   * Longest a worker loop holds the event loop before yielding to timers and requests (default
   * 2 ms; 0 yields before every claim).
   */
  readonly turnBudgetMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_KEEP_DONE_MS = 7 * DAY_MS;
export const DEFAULT_KEEP_DEAD_MS = 30 * DAY_MS;
export const DEFAULT_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
export const DEFAULT_TURN_BUDGET_MS = 2;
const DEFAULT_POLL_INTERVAL_MS = 1000;
const DEFAULT_LIST_LIMIT = 100;

export function createSqliteJobEngine(deps: SqliteJobEngineDeps): JobEngine {
  const { db, clock } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;

  const queue: JobQueue = {
    async enqueue(req, tx?: Transaction<Database>) {
      const normalized = normalizeRequest(req);
      // Without a dedupe key the enqueue is one INSERT; with one, two statements made atomic.
      if (tx || normalized.dedupeKey === null) return enqueueJob(tx ?? db, normalized, clock());
      await db.transaction().execute((trx) => enqueueJob(trx, normalized, clock()));
    },
    async list(filter = {}) {
      const rows = await listJobs(db, {
        status: filter.status ?? null,
        limit: filter.limit ?? DEFAULT_LIST_LIMIT,
      });
      return rows.map(toJobInfo);
    },
    async retry(id) {
      const jobId = parseJobId(id);
      return jobId === null ? false : retryJob(db, { id: jobId, now: clock() });
    },
    stats: () => queueStats(db, clock()),
  };

  return {
    queue,
    async prepare() {
      // The jobs table belongs to the store's migrations (0002-jobs); check they have run.
      try {
        await sql`select id from jobs limit 0`.execute(db);
      } catch (error) {
        throw new Error('the jobs table is missing: run the store migrations first', {
          cause: error,
        });
      }
    },
    async start(registry: TaskRegistry, opts: WorkerOptions) {
      if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
        throw new TypeError('worker concurrency must be a positive integer');
      }
      return startWorkerLoop({
        db,
        clock,
        logger: deps.logger,
        workerId: deps.workerId,
        registry,
        concurrency: opts.concurrency,
        pollIntervalMs: opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        leaseMs,
        reclaimIntervalMs: deps.reclaimIntervalMs ?? Math.floor(leaseMs / 4),
        backoff: deps.backoff ?? GRAPHILE_BACKOFF,
        keepDoneMs: deps.keepDoneMs ?? DEFAULT_KEEP_DONE_MS,
        keepDeadMs: deps.keepDeadMs ?? DEFAULT_KEEP_DEAD_MS,
        pruneIntervalMs: deps.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS,
        turnBudgetMs: deps.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS,
      });
    },
  };
}
