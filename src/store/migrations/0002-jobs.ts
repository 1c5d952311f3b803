import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * The table-backed job queue used under SQLite. PostgreSQL deployments use graphile-worker, which
 * installs its own schema; the table is created there too so `jobs list` can read one shape, but
 * it stays empty.
 */
export function jobsMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await idColumn(db.schema.createTable('jobs'), caps)
        .addColumn('task', 'varchar(100)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('run_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('dedupe_key', 'varchar(300)')
        .addColumn('locked_by', 'varchar(100)')
        .addColumn('locked_until', 'varchar(30)')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();
      // A dedupe key names at most one job that has not finished yet.
      await db.schema
        .createIndex('jobs_dedupe')
        .on('jobs')
        .column('dedupe_key')
        .unique()
        .where(sql.raw<boolean>("status in ('queued', 'running')"))
        .execute();
    },
  };
}
