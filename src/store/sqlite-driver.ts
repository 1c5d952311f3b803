import { setTimeout as sleep } from 'node:timers/promises';
import {
  CompiledQuery,
  SqliteDriver,
  type DatabaseConnection,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';
import { StoreUnavailableError, isSqliteBusy } from './faults.js';

export interface BusyPolicy {
  /** Longest a lock wait may hold the event loop (SQLite's own busy timeout), in ms. */
  readonly syncWaitMs: number;
  /** Total time a statement keeps retrying a busy database before giving up, in ms. */
  readonly totalWaitMs: number;
}

/**
 * SQLite's busy timeout waits inside the synchronous call, so a lock held by another process
 * (a CLI command, a worker, a backup) freezes every request of this one, cached pages included.
 * This driver keeps that synchronous wait short and waits out the rest asynchronously, with the
 * event loop free, then fails with a typed `StoreUnavailableError` (a 503, not a 500).
 *
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken, or waited for, at the start.
 * A deferred transaction that reads and then writes can meet a writer in between and fail with
 * SQLITE_BUSY at once, whatever the timeout, since waiting could deadlock; that is how parallel
 * moderation commands failed with "database is locked".
 */
export class BusyWaitingSqliteDriver extends SqliteDriver {
  /** Kysely gives SQLite one connection; true while a transaction is open on it. */
  private inTransaction = false;

  constructor(
    config: SqliteDialectConfig,
    private readonly policy: BusyPolicy,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    let inner = await super.acquireConnection();
    // Between attempts the connection is handed back, unless a transaction is open on it, so
    // reads (a page render) are not queued behind a write that waits for another process.
    const pause = async (ms: number) => {
      if (this.inTransaction) return sleep(ms);
      await super.releaseConnection();
      await sleep(ms);
      inner = await super.acquireConnection();
    };
    return {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
        waitOutBusy(() => inner.executeQuery<R>(query), this.policy, pause),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) =>
        inner.streamQuery<R>(query, chunkSize),
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
    this.inTransaction = false;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      // SQLite rolls back by itself after some errors (a full disk, an I/O error). The statement's
      // own error is the one that matters; "no transaction is active" would hide it.
      if (!(error instanceof Error && /no transaction is active/i.test(error.message))) throw error;
    } finally {
      this.inTransaction = false;
    }
  }
}

async function waitOutBusy<T>(
  run: () => Promise<T>,
  policy: BusyPolicy,
  pauseFor: (ms: number) => Promise<void>,
): Promise<T> {
  const deadline = Date.now() + policy.totalWaitMs;
  let pause = 5;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (Date.now() >= deadline) {
        throw new StoreUnavailableError(
          `the database stayed locked by another process for ${policy.totalWaitMs} ms`,
          error,
        );
      }
      await pauseFor(pause);
      pause = Math.min(pause * 2, 200);
    }
  }
}
