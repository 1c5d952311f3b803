import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Store } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Brings the schema up to date. Safe to run twice and from two processes at once. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store.caps) },
    // Kysely looks for its bookkeeping tables in every schema unless told which one: with two
    // sites in one PostgreSQL database (a schema each), the second would find the first's tables,
    // skip creating its own, and fail. Ours live in the schema the connection writes to.
    ...(store.caps.dialect === 'postgres'
      ? { migrationTableSchema: await currentSchema(store) }
      : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(
      `migration ${failed?.migrationName ?? '(setup)'} failed: ${String(
        result.error instanceof Error ? result.error.message : result.error,
      )}`,
      result.error,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    store.db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new MigrationError('migration (setup) failed: no current schema', null);
  return schema;
}
