import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Federation's key–value store (Fedify's KvStore: actor key pairs, followers, remote documents
 * it caches, inbox idempotence, circuit-breaker state). Keys are the JSON array Fedify names them
 * by; values are JSON; a row past its `expires_at` (ISO-8601 UTC) is treated as absent and pruned.
 */
export function fediverseMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('fediverse_kv')
        .addColumn('key', 'varchar(2000)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)')
        .execute();
      await db.schema
        .createIndex('fediverse_kv_expires')
        .on('fediverse_kv')
        .column('expires_at')
        .execute();
    },
  };
}
