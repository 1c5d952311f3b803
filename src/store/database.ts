import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DialectAdapter,
  type Driver,
  type LogEvent,
  type SqliteDialectConfig,
  type MigrationLockOptions,
} from 'kysely';
import type { DatabaseTarget } from '../config/config.js';
import { POSTGRES, SQLITE, type StoreCapabilities } from './capabilities.js';
import { openNodeSqlite } from './node-sqlite.js';
import { BusyWaitingSqliteDriver, type BusyPolicy } from './sqlite-driver.js';
import type { Database } from './schema.js';
import { lazyRequire } from '../lazy-require.js';

/** PostgreSQL's driver, loaded when a PostgreSQL store is opened (a SQLite site never loads it). */
const pgDriver = lazyRequire<typeof Pg>('pg');

export interface Store {
  readonly db: Kysely<Database>;
  readonly caps: StoreCapabilities;
  /** The pg connection string, for libraries (the job queue) that bring their own pool. */
  readonly postgresUrl: string | null;
  /** The counter triggers bump on every public write; read on every page-cache hit. */
  contentVersion(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Shares one read among the calls made in the same turn of the event loop. Requests handled in
 * one turn arrived together, so they may share the version read for the first of them; the next
 * turn reads again, so a write committed before a request arrives is always seen.
 */
function oncePerTurn<T>(read: () => Promise<T>): { read: () => Promise<T>; forget: () => void } {
  let pending: Promise<T> | null = null;
  return {
    read: () => {
      if (pending) return pending;
      pending = read();
      setImmediate(() => (pending = null));
      return pending;
    },
    // This process wrote: its next read must see its own write, in this turn too.
    forget: () => (pending = null),
  };
}

export interface StoreOptions {
  /** Called with every statement run through Kysely, and its parameters (tests count them). */
  readonly onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  /**
   * Told when the database ends a pooled connection (a restart, a failover, an operator's
   * pg_terminate_backend). The pool drops that client and opens a new one on the next query;
   * without a listener the pool's 'error' event would end the process.
   */
  readonly onConnectionLost?: (error: Error) => void;
  /** SQLite: total time a statement waits for another process's write lock (default 10 s). */
  readonly lockWaitMs?: number;
}

const queryLog = (opts: StoreOptions) =>
  opts.onQuery
    ? {
        log: (event: LogEvent) => {
          if (event.level === 'query') opts.onQuery?.(event.query.sql, event.query.parameters);
        },
      }
    : {};

/**
 * SQLite can run DDL inside a transaction, so migrations run in one, and the lock is taken by a
 * write as the transaction's first statement: a second process waits (busy timeout) for the first
 * to commit instead of racing it. Kysely's own adapter assumes one process per file.
 */
class MigratingSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
  override async acquireMigrationLock(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's adapter signature
    db: Kysely<any>,
    opt: MigrationLockOptions,
  ): Promise<void> {
    await sql`update ${sql.table(opt.lockTable)} set is_locked = 1 where id = ${opt.lockRowId}`.execute(
      db,
    );
  }
}

class MigratingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly busy: BusyPolicy,
  ) {
    super(config);
  }
  override createAdapter(): DialectAdapter {
    return new MigratingSqliteAdapter();
  }
  override createDriver(): Driver {
    return new BusyWaitingSqliteDriver(this.config, this.busy);
  }
}

/** Lock waits: at most 25 ms with the event loop held, 10 s in all, then a 503. */
const SQLITE_BUSY_POLICY: BusyPolicy = { syncWaitMs: 25, totalWaitMs: 10_000 };

export function openSqlite(file: string, opts: StoreOptions = {}): Store {
  const busy: BusyPolicy = {
    ...SQLITE_BUSY_POLICY,
    totalWaitMs: opts.lockWaitMs ?? SQLITE_BUSY_POLICY.totalWaitMs,
  };
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const versionSql = 'select version from content_version where id = 1';
  let version: ReturnType<typeof oncePerTurn<number>> | null = null;
  const handle = openNodeSqlite(file, {
    openTimeoutMs: 15_000,
    busyTimeoutMs: busy.syncWaitMs,
    onWrite: () => version?.forget(),
  });
  version = oncePerTurn(async () => Number(handle.prepared(versionSql).get()?.version ?? 0));
  const db = new Kysely<Database>({
    dialect: new MigratingSqliteDialect({ database: handle.kysely }, busy),
    ...queryLog(opts),
  });
  return {
    db,
    caps: SQLITE,
    postgresUrl: null,
    // Prepared once: this runs on every cached page view, where Kysely's per-query compile
    // would cost more than serving the page.
    contentVersion: version.read,
    close: () => db.destroy(),
  };
}

export function openPostgres(url: string, poolSize = 10, opts: StoreOptions = {}): Store {
  const pool = new (pgDriver().Pool)({ connectionString: url, max: poolSize });
  const lost = (error: Error) => opts.onConnectionLost?.(error);
  pool.on('error', lost);
  // A client that is checked out when its connection ends emits 'error' too; its query rejects
  // and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...queryLog(opts) });
  return {
    db,
    caps: POSTGRES,
    postgresUrl: url,
    contentVersion: async () => {
      const result = await pool.query<{ version: string }>({
        name: 'newsdesk_content_version',
        text: 'select version from content_version where id = 1',
      });
      return Number(result.rows[0]?.version ?? 0);
    },
    close: () => db.destroy(),
  };
}

export function openStore(target: DatabaseTarget, opts: StoreOptions = {}): Store {
  return target.kind === 'sqlite'
    ? openSqlite(target.file, opts)
    : openPostgres(target.url, undefined, opts);
}
