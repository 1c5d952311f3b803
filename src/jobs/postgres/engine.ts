import { EventEmitter } from 'node:events';
import type { Runner, RunnerOptions, WorkerEvents } from 'graphile-worker';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from '../../app/ports.js';
import type { Database } from '../../store/schema.js';
import type { JobEngine, JobQueue, TaskRegistry, WorkerOptions } from '../contract.js';
import { normalizeRequest } from '../validate-request.js';
import { createHeartbeat, reclaimStale } from './heartbeat.js';
import { enqueueJob } from './sql/enqueue.js';
import { installHeartbeats } from './sql/install-heartbeats.js';
import { listJobs } from './sql/list.js';
import { queueStats } from './sql/stats.js';
import { retryJob } from './sql/retry.js';
import { toTaskList } from './task-list.js';

export const DEFAULT_GRAPHILE_SCHEMA = 'graphile_worker';
const DEFAULT_LIST_LIMIT = 100;
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
export const DEFAULT_STALE_AFTER_MS = 60_000;

export interface PostgresJobEngineDeps {
  /** Our Kysely instance: enqueue, list and retry run on it (and so join its transactions). */
  readonly db: Kysely<Database>;
  /** graphile-worker's runner opens its own pool (plus a LISTEN connection) from this. */
  readonly connectionString: string;
  readonly logger: Logger;
  /** graphile-worker's schema (default graphile_worker); tests use a throwaway one. */
  readonly schema?: string;
  /**
   * How often graphile-worker looks for jobs locked more than 4 hours (its own fixed lease, now
   * only a fallback behind the heartbeat). Default: its own 8–10 minutes.
   */
  readonly resetLockedIntervalMs?: number;
  /** How often a running worker stamps its heartbeat and looks for dead workers (default 10 s). */
  readonly heartbeatIntervalMs?: number;
  /**
   * A worker whose heartbeat is older than this is taken for dead and its jobs run again (default
   * 60 s). At least twice the interval, so one slow beat does not get a live worker's jobs stolen.
   */
  readonly staleAfterMs?: number;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive integer`);
  }
  return value;
}

/**
 * PostgreSQL engine on graphile-worker ~0.17: its schema, claim (`FOR UPDATE SKIP LOCKED`),
 * backoff (`exp(least(attempts, 10))` s), LISTEN/NOTIFY wake-ups and graceful shutdown. It uses
 * the database clock, not an injected one. Our heartbeat (`heartbeat.ts`) replaces graphile's
 * 4-hour lock timeout: a crashed worker's jobs run again about `staleAfterMs` later.
 */
interface Graphile {
  readonly worker: typeof import('graphile-worker');
  readonly shared: Pick<RunnerOptions, 'connectionString' | 'schema' | 'logger'>;
}

export function createPostgresJobEngine(deps: PostgresJobEngineDeps): JobEngine {
  const { db } = deps;
  const schema = deps.schema ?? DEFAULT_GRAPHILE_SCHEMA;
  const heartbeatIntervalMs = positiveInteger(
    deps.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    'heartbeatIntervalMs',
  );
  const staleAfterMs = positiveInteger(deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS, 'staleAfterMs');
  if (staleAfterMs < 2 * heartbeatIntervalMs) {
    throw new TypeError('staleAfterMs must be at least twice heartbeatIntervalMs');
  }
  const heartbeatDeps = { db, schema, logger: deps.logger, staleAfterMs };
  // graphile-worker (with its own pg pool, config loader and logger) is loaded when this engine
  // first prepares or starts a worker: never in a SQLite process, and not before it is needed
  // (it is one of the largest modules the server would hold from boot).
  let loaded: Promise<Graphile> | undefined;
  const graphile = () =>
    (loaded ??= Promise.all([import('graphile-worker'), import('./graphile-logger.js')]).then(
      ([worker, { toGraphileLogger }]) => ({
        worker,
        shared: {
          connectionString: deps.connectionString,
          schema,
          logger: toGraphileLogger(deps.logger.child({ component: 'graphile-worker' })),
        },
      }),
    ));

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
    stats: () => queueStats(db, schema),
  };

  return {
    queue,
    async prepare() {
      // graphile-worker's migrations take an advisory lock: safe to run twice or concurrently.
      const { worker, shared } = await graphile();
      await worker.runMigrations(shared);
      await installHeartbeats(db, schema);
    },
    async start(registry: TaskRegistry, opts: WorkerOptions) {
      if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
        throw new TypeError('worker concurrency must be a positive integer');
      }
      const { worker, shared } = await graphile();
      // Jobs left by workers that died while this one was not running are free before it claims.
      try {
        await reclaimStale(heartbeatDeps, null);
      } catch (error) {
        throw new Error('could not read the job worker heartbeats: has prepare() run?', {
          cause: error,
        });
      }
      const heartbeat = createHeartbeat({ ...heartbeatDeps, intervalMs: heartbeatIntervalMs });
      // graphile 0.17 locks jobs under the pool's id (`workerPool.id`, not the per-slot
      // `worker.workerId`), so that is the id the heartbeat stands for.
      const events: WorkerEvents = new EventEmitter();
      events.on('pool:create', ({ workerPool }) => heartbeat.attach(workerPool.id));
      events.on('pool:release', () => void heartbeat.release());
      const reset = deps.resetLockedIntervalMs;
      const options: RunnerOptions = {
        ...shared,
        events,
        // Handlers wait for the first beat, so no job's work starts before this worker can be
        // declared dead. A claim may precede that beat by a few milliseconds; a process killed in
        // between leaves its job to graphile's 4-hour reset.
        taskList: toTaskList(registry, deps.logger, () => heartbeat.registered),
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
      let runner: Runner;
      try {
        runner = await worker.run(options);
      } catch (error) {
        await heartbeat.release();
        throw error;
      }
      return {
        async stop() {
          try {
            await runner.stop();
          } finally {
            await heartbeat.release();
          }
        },
      };
    },
  };
}
