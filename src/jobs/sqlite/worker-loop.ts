import type { Kysely } from 'kysely';
import type { Clock, Logger } from '../../app/ports.js';
import type { Database } from '../../store/schema.js';
import { retryDelayMs, type BackoffPolicy } from '../backoff.js';
import type { TaskRegistry, WorkerHandle } from '../contract.js';
import type { JobRow } from './row.js';
import { claimJob } from './sql/claim.js';
import { completeJob } from './sql/complete.js';
import { extendLease } from './sql/extend-lease.js';
import { failJob } from './sql/fail.js';
import { pruneJobs } from './sql/prune.js';
import { reclaimExpired } from './sql/reclaim-expired.js';

export interface WorkerLoopDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly workerId: string;
  readonly registry: TaskRegistry;
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  /** Measured on the injected clock, so a pinned clock that jumps forward triggers it at once. */
  readonly reclaimIntervalMs: number;
  readonly backoff: BackoffPolicy;
  /** Done jobs older than this (since they finished) are deleted. */
  readonly keepDoneMs: number;
  /** Dead jobs older than this (since they died) are deleted. */
  readonly keepDeadMs: number;
  /** How often to prune, on the injected clock; the first pass runs when the loop starts. */
  readonly pruneIntervalMs: number;
  /**
   * Longest the loop keeps the event loop before it gives it back (setImmediate), checked before
   * each claim and each prune batch; 0 yields before every one. Measured on `performance.now()`
   * (CPU time held, not business time, so not on the injected clock).
   */
  readonly turnBudgetMs: number;
}

const MAX_ERROR_LENGTH = 4000;
const PRUNE_BATCH = 500;

/** Lets timers, I/O and pending requests run before the caller continues. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Claims due jobs up to `concurrency` at a time and runs them, renewing each lease while its
 * handler runs (a third of the lease, so one missed renewal is not fatal); sleeps for the poll
 * interval when nothing is due or every slot is busy, waking early when a slot frees up.
 *
 * node:sqlite is synchronous, so claiming, failing and completing a job resolve as microtasks: a
 * burst of jobs that fail without I/O would otherwise run back to back and starve every timer and
 * request in the process. The loop therefore hands the event loop back once it has held it for
 * `turnBudgetMs`, before claiming the next job or deleting the next prune batch.
 */
export function startWorkerLoop(deps: WorkerLoopDeps): WorkerHandle {
  const { db, clock, workerId, registry } = deps;
  const logger = deps.logger.child({ workerId });
  const tasks = Object.keys(registry);
  const running = new Set<Promise<void>>();
  let stopping = false;
  let lastReclaim = Number.NEGATIVE_INFINITY;
  let lastPrune = Number.NEGATIVE_INFINITY;
  let wake: (() => void) | null = null;
  /** A slot freed while the loop was busy: skip the next sleep. */
  let woken = false;

  let turnStartedAt = performance.now();

  async function yieldIfTurnIsOver(): Promise<void> {
    if (performance.now() - turnStartedAt < deps.turnBudgetMs) return;
    await yieldToEventLoop();
    turnStartedAt = performance.now();
  }

  const nudge = () => {
    if (wake) wake();
    else woken = true;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        // A real sleep gave the event loop a turn: the next claim starts a fresh budget.
        turnStartedAt = performance.now();
        done();
      }, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function reclaimIfDue(): Promise<void> {
    const now = clock();
    if (now.getTime() - lastReclaim < deps.reclaimIntervalMs) return;
    lastReclaim = now.getTime();
    const ids = await reclaimExpired(db, now);
    if (ids.length > 0) logger.warn({ jobIds: ids }, 'reclaimed jobs whose lease expired');
  }

  async function pruneIfDue(): Promise<void> {
    const now = clock();
    if (now.getTime() - lastPrune < deps.pruneIntervalMs) return;
    lastPrune = now.getTime();
    const doneBefore = new Date(now.getTime() - deps.keepDoneMs);
    const deadBefore = new Date(now.getTime() - deps.keepDeadMs);
    let total = 0;
    for (;;) {
      await yieldIfTurnIsOver();
      const deleted = await pruneJobs(db, { doneBefore, deadBefore, limit: PRUNE_BATCH });
      total += deleted;
      if (deleted < PRUNE_BATCH || stopping) break;
    }
    if (total > 0) logger.info({ deleted: total }, 'pruned old done and dead jobs');
  }

  async function runJob(row: JobRow): Promise<void> {
    const jobLogger = logger.child({
      jobId: String(row.id),
      task: row.task,
      attempt: row.attempts,
    });
    const heartbeat = setInterval(
      () => {
        const leaseUntil = new Date(clock().getTime() + deps.leaseMs);
        extendLease(db, { id: row.id, workerId, leaseUntil }).then(
          (held) => {
            if (!held) jobLogger.warn('lost the lease on a running job; it may run twice');
          },
          (error: unknown) => jobLogger.error({ err: error }, 'could not renew a job lease'),
        );
      },
      Math.max(1, Math.floor(deps.leaseMs / 3)),
    );
    let failure: unknown = null;
    let failed = false;
    try {
      const handler = registry[row.task];
      if (!handler) throw new Error(`no handler for task ${row.task}`);
      const payload: unknown = JSON.parse(row.payload);
      await handler(payload, { jobId: String(row.id), attempt: row.attempts, logger: jobLogger });
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      clearInterval(heartbeat);
    }
    const now = clock();
    try {
      if (!failed) {
        if (!(await completeJob(db, { id: row.id, workerId, now }))) {
          jobLogger.warn('finished a job whose lease was lost; it may run again');
        }
        return;
      }
      const message = describeError(failure);
      jobLogger.warn({ err: failure }, `job failed: ${message}`);
      const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts, deps.backoff));
      await failJob(db, { id: row.id, workerId, now, retryAt, error: message });
    } catch (error) {
      // The lease will expire and the job run again: delivery is at least once.
      jobLogger.error({ err: error }, 'could not record the outcome of a job');
    }
  }

  async function fillSlots(): Promise<void> {
    while (!stopping && running.size < deps.concurrency) {
      await yieldIfTurnIsOver();
      if (stopping) return;
      const now = clock();
      const leaseUntil = new Date(now.getTime() + deps.leaseMs);
      const row = await claimJob(db, { workerId, tasks, now, leaseUntil });
      if (!row) return;
      const job: Promise<void> = runJob(row).finally(() => {
        running.delete(job);
        nudge();
      });
      running.add(job);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      try {
        await reclaimIfDue();
        await fillSlots();
        await pruneIfDue();
      } catch (error) {
        logger.error({ err: error }, 'job worker could not reach the queue; will retry');
      }
      if (!stopping) await sleep(deps.pollIntervalMs);
    }
  }

  const looping = loop();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        nudge();
        await looping;
        await Promise.all(running);
      })();
      return stopped;
    },
  };
}
