import type { Kysely } from 'kysely';
import type { Logger } from '../../app/ports.js';
import type { Database } from '../../store/schema.js';
import { reclaimStaleWorkers } from './sql/reclaim-stale-workers.js';
import { recordHeartbeat } from './sql/record-heartbeat.js';
import { releaseWorker } from './sql/release-worker.js';

export interface HeartbeatDeps {
  readonly db: Kysely<Database>;
  readonly schema: string;
  readonly logger: Logger;
  /** Time between beats (Node's timers; the stamps themselves are the database's now()). */
  readonly intervalMs: number;
  /** A worker whose last beat is older than this (database clock) is taken for dead. */
  readonly staleAfterMs: number;
}

export interface Heartbeat {
  /** Starts beating as `workerId` (graphile's pool id, the value it writes into `locked_by`). */
  attach(workerId: string): void;
  /**
   * Resolves once the first beat is stored, so no handler runs for a worker that nobody could
   * declare dead; rejects if the heartbeat is released first.
   */
  readonly registered: Promise<void>;
  /** Stops beating, deletes the row and unlocks leftovers. Idempotent; never rejects. */
  release(): Promise<void>;
}

/** Releases the jobs of workers that stopped beating; logs what it took over. */
export async function reclaimStale(
  deps: Pick<HeartbeatDeps, 'db' | 'schema' | 'logger' | 'staleAfterMs'>,
  self: string | null,
): Promise<void> {
  const { workerIds, jobIds } = await reclaimStaleWorkers(deps.db, deps.schema, {
    self,
    staleAfterMs: deps.staleAfterMs,
  });
  if (workerIds.length > 0) {
    deps.logger.warn({ workerIds, jobIds }, 'released the jobs of workers that stopped beating');
  }
}

/**
 * One worker pool's heartbeat: every `intervalMs` it stamps its row, then releases the jobs of
 * any other worker whose row is older than `staleAfterMs`. Beats never overlap (each schedules the
 * next when it ends), and a failed beat is logged and tried again at the next interval.
 */
export function createHeartbeat(deps: HeartbeatDeps): Heartbeat {
  const logger = deps.logger.child({ component: 'job-heartbeat' });
  let workerId: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let beating: Promise<void> = Promise.resolve();
  let stopped = false;
  let isRegistered = false;
  let settleRegistered: (error?: Error) => void = () => {};
  const registered = new Promise<void>((resolve, reject) => {
    settleRegistered = (error) => (error ? reject(error) : resolve());
  });
  // Nobody may be waiting when release() rejects it.
  registered.catch(() => {});

  async function beat(self: string): Promise<void> {
    try {
      const inserted = await recordHeartbeat(deps.db, deps.schema, self);
      if (inserted && isRegistered) {
        logger.warn(
          { workerId: self },
          'this worker had been taken for dead and its jobs released; they may run twice',
        );
      }
      if (!isRegistered) {
        isRegistered = true;
        settleRegistered();
      }
      await reclaimStale({ ...deps, logger }, self);
    } catch (error) {
      logger.error({ err: error, workerId: self }, 'job worker heartbeat failed; will retry');
    }
  }

  function schedule(self: string, delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      beating = beat(self).then(() => schedule(self, deps.intervalMs));
    }, delayMs);
    timer.unref();
  }

  let released: Promise<void> | null = null;
  return {
    registered,
    attach(id) {
      if (workerId !== null || stopped) return;
      workerId = id;
      schedule(id, 0);
    },
    release() {
      released ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await beating;
        if (!isRegistered) settleRegistered(new Error('the job worker stopped before it started'));
        if (workerId === null) return;
        try {
          await releaseWorker(deps.db, deps.schema, workerId);
        } catch (error) {
          logger.error(
            { err: error, workerId },
            'could not remove the heartbeat of a stopped worker',
          );
        }
      })();
      return released;
    },
  };
}
