import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite dialect speaks to a better-sqlite3-shaped handle; this adapter gives it one over
 * Node's built-in `node:sqlite` (no native build at install time). It also reuses prepared
 * statements per SQL text: Kysely asks the driver to prepare every query it runs, and preparing
 * costs more than running the small queries a page needs. Kysely's SQLite driver runs one query
 * at a time on its single connection, so a cached statement is never in use twice at once.
 */

export interface NodeSqliteOptions {
  /** How long opening (the WAL switch) may wait for another process's lock, in milliseconds. */
  readonly openTimeoutMs: number;
  /**
   * SQLite's busy timeout once open. It blocks the event loop while it waits, so it is kept short;
   * the driver (sqlite-driver.ts) waits out longer locks asynchronously.
   */
  readonly busyTimeoutMs: number;
  /** Called after every statement that may have changed data (this process's own writes). */
  readonly onWrite?: () => void;
  /** Most statements kept prepared; the oldest is dropped first. */
  readonly statementCacheSize?: number;
}

export interface NodeSqliteHandle {
  /** The handle Kysely's `SqliteDialect` takes as `database`. */
  readonly kysely: SqliteDatabase;
  /** Prepares (once) and returns a statement for hot paths that bypass Kysely. */
  prepared(sql: string): StatementSync;
}

/** Statements that return rows. `columns()` arrived in Node 22.16; older 22.x fall back to the text. */
const READER_TEXT = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;
/** Schema changes invalidate prepared statements, so only data statements are kept. */
const CACHEABLE_TEXT = /^\s*(select|insert|update|delete|with|replace)\b/i;

function isReader(statement: StatementSync, sql: string): boolean {
  return typeof statement.columns === 'function'
    ? statement.columns().length > 0
    : READER_TEXT.test(sql);
}

/** Statements that only read; anything else may change data (or end a transaction that did). */
const READ_ONLY_TEXT = /^\s*(select|pragma|explain|begin)\b/i;

function toSqliteStatement(
  statement: StatementSync,
  sql: string,
  onWrite: (() => void) | undefined,
): SqliteStatement {
  const reader = isReader(statement, sql);
  const args = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  const after =
    onWrite && !READ_ONLY_TEXT.test(sql)
      ? <T>(result: T): T => {
          onWrite();
          return result;
        }
      : <T>(result: T): T => result;
  return {
    reader,
    all: (parameters) => after(statement.all(...args(parameters))),
    run: (parameters) => after(statement.run(...args(parameters))),
    iterate: (parameters) => statement.iterate(...args(parameters)),
  };
}

export function openNodeSqlite(file: string, options: NodeSqliteOptions): NodeSqliteHandle {
  const handle = new DatabaseSync(file);
  // A long timeout first, so the WAL switch below waits for a writer in another process.
  handle.exec(`pragma busy_timeout = ${Math.trunc(options.openTimeoutMs)}`);
  handle.exec('pragma journal_mode = WAL');
  handle.exec('pragma foreign_keys = ON');
  handle.exec('pragma synchronous = NORMAL');
  handle.exec(`pragma busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);

  const max = options.statementCacheSize ?? 500;
  const cache = new Map<string, SqliteStatement>();
  const raw = new Map<string, StatementSync>();

  const kysely: SqliteDatabase = {
    close: () => handle.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) return hit;
      const statement = toSqliteStatement(handle.prepare(sql), sql, options.onWrite);
      if (!CACHEABLE_TEXT.test(sql)) return statement;
      if (cache.size >= max) cache.delete(cache.keys().next().value ?? '');
      cache.set(sql, statement);
      return statement;
    },
  };

  return {
    kysely,
    prepared(sql: string): StatementSync {
      let statement = raw.get(sql);
      if (!statement) {
        statement = handle.prepare(sql);
        raw.set(sql, statement);
      }
      return statement;
    },
  };
}
