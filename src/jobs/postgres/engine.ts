import { run, runMigrations, type RunnerOptions } from 'graphile-worker';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from '../../app/ports.js';
import type { Database } from '../../store/schema.js';
import type { JobEngine, JobQueue, TaskRegistry, WorkerOptions } from '../contract.js';
import { normalizeRequest } from '../validate-request.js';
import { toGraphileLogger } from './graphile-logger.js';
import { enqueueJob } from './sql/enqueue.js';
import { listJobs } from './sql/list.js';
import { retryJob } from './sql/retry.js';
import { toTaskList } from './task-list.js';

export const DEFAULT_GRAPHILE_SCHEMA = 'graphile_worker';
const DEFAULT_LIST_LIMIT = 100;

export interface PostgresJobEngineDeps {
  /** Our Kysely instance: enqueue, list and retry run on it (and so join its transactions). */
  readonly db: Kysely<Database>;
  /** graphile-worker's runner opens its own pool (plus a LISTEN connection) from this. */
  readonly connectionString: string;
  readonly logger: Logger;
  /** graphile-worker's schema (default graphile_worker); tests use a throwaway one. */
  readonly schema?: string;
  /**
   * How often graphile-worker looks for jobs locked more than 4 hours (its fixed lease: a job
   * whose worker crashed runs again only after that). Default: its own 8–10 minutes.
   */
  readonly resetLockedIntervalMs?: number;
}

/**
 * PostgreSQL engine on graphile-worker ~0.17: its schema, claim (`FOR UPDATE SKIP LOCKED`),
 * backoff (`exp(least(attempts, 10))` s), LISTEN/NOTIFY wake-ups and graceful shutdown. It uses
 * the database clock, not an injected one.
 */
export function createPostgresJobEngine(deps: PostgresJobEngineDeps): JobEngine {
  const { db } = deps;
  const schema = deps.schema ?? DEFAULT_GRAPHILE_SCHEMA;
  const graphileLogger = toGraphileLogger(deps.logger.child({ component: 'graphile-worker' }));
  const shared = { connectionString: deps.connectionString, schema, logger: graphileLogger };

  const queue: JobQueue = {
    async enqueue(req, tx?: Transaction<Database>) {
      await enqueueJob(tx ?? db, schema, normalizeRequest(req));
    },
    list(filter = {}) {
      return listJobs(db, schema, {
        status: filter.status ?? null,
        limit: filter.limit ?? DEFAULT_LIST_LIMIT,
      });
    },
    retry(id) {
      return retryJob(db, schema, id);
    },
  };

  return {
    queue,
    async prepare() {
      // graphile-worker's migrations take an advisory lock: safe to run twice or concurrently.
      await runMigrations(shared);
    },
    async start(registry: TaskRegistry, opts: WorkerOptions) {
      if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
        throw new TypeError('worker concurrency must be a positive integer');
      }
      const reset = deps.resetLockedIntervalMs;
      const options: RunnerOptions = {
        ...shared,
        taskList: toTaskList(registry, deps.logger),
        concurrency: opts.concurrency,
        // graphile advises concurrency + 2 connections, at least 10.
        maxPoolSize: Math.max(10, opts.concurrency + 2),
        // Signals belong to the composition root, which calls stop().
        noHandleSignals: true,
        // Our tasks come from the registry only: no crontab file read from the working directory.
        parsedCronItems: [],
        preset: {
          worker: {
            // With the default (-1) graphile-worker writes a job's outcome without awaiting it, and
            // runner.stop() ends its pool first: a job finishing during stop() stayed locked for
            // 4 hours and ran again (graphile/worker PR #223). A batch delay of 0 routes outcomes
            // through a batcher that the shutdown flushes before the pool closes.
            completeJobBatchDelay: 0,
            failJobBatchDelay: 0,
          },
        },
        ...(opts.pollIntervalMs === undefined ? {} : { pollInterval: opts.pollIntervalMs }),
        ...(reset === undefined
          ? {}
          : { minResetLockedInterval: reset, maxResetLockedInterval: reset }),
      };
      const runner = await run(options);
      return {
        stop: () => runner.stop(),
      };
    },
  };
}
