import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DialectAdapter,
  type MigrationLockOptions,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { DatabaseTarget } from '../config/config.js';
import { POSTGRES, SQLITE, type StoreCapabilities } from './capabilities.js';
import type { Database } from './schema.js';

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
  override createAdapter(): DialectAdapter {
    return new MigratingSqliteAdapter();
  }
}

/**
 * Kysely asks the driver to prepare every query it runs; preparing costs more than running the
 * small queries a page needs. Statements are reused per SQL text (Kysely's SQLite driver runs one
 * query at a time on its single connection, so a statement is never in use twice at once).
 */
function withStatementCache(handle: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => handle.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (!statement) {
        // Schema changes (migrations) invalidate prepared statements: never cache DDL.
        if (!/^\s*(select|insert|update|delete|with)\b/i.test(sql)) return handle.prepare(sql);
        statement = handle.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export function openSqlite(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const handle = new SQLite(file, { timeout: 15_000 });
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new MigratingSqliteDialect({ database: withStatementCache(handle) }),
  });
  // Prepared once: this runs on every cached page view, where Kysely's per-query compile and
  // prepare would cost more than serving the page.
  let versionStatement: SQLite.Statement<[], number> | undefined;
  return {
    db,
    caps: SQLITE,
    postgresUrl: null,
    contentVersion: async () => {
      versionStatement ??= handle
        .prepare<[], number>('select version from content_version where id = 1')
        .pluck();
      return Number(versionStatement.get() ?? 0);
    },
    close: () => db.destroy(),
  };
}

export function openPostgres(url: string, poolSize = 10): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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

export function openStore(target: DatabaseTarget): Store {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url);
}
