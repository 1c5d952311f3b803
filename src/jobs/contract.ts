import type { Transaction } from 'kysely';
import type { Logger } from '../app/ports.js';
import type { Database } from '../store/schema.js';

/**
 * The durable job queue: one contract, two engines (a table-backed queue under SQLite,
 * graphile-worker under PostgreSQL). Delivery is at least once: a worker that dies mid-job leaves
 * the job to run again after its lease expires, so every handler must be safe to repeat.
 */

/** A JSON object. Payloads are objects so that every engine stores and replaces them alike. */
export type JobPayload = { readonly [key: string]: unknown };

export interface EnqueueRequest {
  /** A key of the worker's TaskRegistry. */
  readonly task: string;
  /** Must survive `JSON.stringify`; the handler receives it as `unknown` and validates it. */
  readonly payload: JobPayload;
  /** Not before this instant (default: now). */
  readonly runAt?: Date;
  /**
   * At most one *waiting* job carries a given key. Enqueueing with the key of a waiting job
   * replaces that job's payload, runAt and maxAttempts and resets its attempts (graphile-worker's
   * `job_key` "replace" mode); if the keyed job is already running, the running one gives up its
   * key (and its retries) and a new job is queued, since it acts on out-of-date state.
   */
  readonly dedupeKey?: string;
  /** Runs in total before the job is dead (default 10). */
  readonly maxAttempts?: number;
  /**
   * With dedupeKey, the id of the running job that queues this one as its continuation: if a job
   * queued after it (a higher id) waits under the key, leave that one and queue nothing. It was
   * queued while the running job ran, answers a newer request, and must not be overwritten.
   */
  readonly yieldToJobsAfter?: string;
}

/**
 * - queued: waiting for runAt (a failed job waiting for its retry is queued with a lastError);
 * - running: claimed by a worker;
 * - done: finished (SQLite keeps the row for 7 days; graphile-worker deletes it at once, so
 *   PostgreSQL never lists it);
 * - dead: attempts used up; stays until retry() (SQLite deletes it after 30 days).
 */
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface JobInfo {
  readonly id: string;
  readonly task: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly runAt: Date;
  /** Runs started so far (a run counts when it is claimed, so a crash uses one up). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly dedupeKey: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface JobListFilter {
  readonly status?: JobStatus;
  /** Default 100. */
  readonly limit?: number;
}

export interface JobQueue {
  /**
   * Adds a job. Given a transaction, the job is written inside it: it exists only if the caller
   * commits (jobs are enqueued in the same transaction as the row they concern). Inside a
   * transaction always pass it: under SQLite there is one connection, so an enqueue outside the
   * open transaction would wait for it forever.
   */
  enqueue(req: EnqueueRequest, tx?: Transaction<Database>): Promise<void>;
  /** Jobs ordered by runAt then id. */
  list(filter?: JobListFilter): Promise<JobInfo[]>;
  /**
   * Makes a dead (or waiting) job run now with its attempts reset. False when there is no such
   * job, it is running or done, or (SQLite) a newer job already waits under its dedupe key.
   */
  retry(id: string): Promise<boolean>;
  /** Per task: how many jobs wait, run and are dead, and how long the oldest due one has waited. */
  stats(): Promise<TaskQueueStats[]>;
}

/** One task's share of the queue, for metrics. */
export interface TaskQueueStats {
  readonly task: string;
  readonly queued: number;
  readonly running: number;
  readonly dead: number;
  /** Seconds since the oldest queued job became due (0 when none is due). */
  readonly oldestDueSeconds: number;
}

export interface TaskHelpers {
  readonly jobId: string;
  /** 1 on the first run. */
  readonly attempt: number;
  /** Bound to the job's id and task. */
  readonly logger: Logger;
}

/**
 * Runs one job. The payload is whatever was enqueued, read back from the database: validate it.
 * Resolve to complete the job; throw to fail this attempt (the message is recorded and the job
 * retried with backoff until it is dead).
 */
export type TaskHandler = (payload: unknown, helpers: TaskHelpers) => Promise<void>;

export type TaskRegistry = Readonly<Record<string, TaskHandler>>;

export interface WorkerOptions {
  /** Jobs run at once by this worker. */
  readonly concurrency: number;
  /** How often to look for due jobs when idle (SQLite default 1000 ms; graphile default 2000 ms). */
  readonly pollIntervalMs?: number;
}

export interface WorkerHandle {
  /** Stops claiming jobs and resolves once the running ones have finished. */
  stop(): Promise<void>;
}

export interface JobEngine {
  readonly queue: JobQueue;
  /** Installs or checks what the engine needs in the database; safe to run twice. */
  prepare(): Promise<void>;
  /** Starts a worker that runs the registry's tasks (jobs of other tasks are left alone). */
  start(registry: TaskRegistry, opts: WorkerOptions): Promise<WorkerHandle>;
}
