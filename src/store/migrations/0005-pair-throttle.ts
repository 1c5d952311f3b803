import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * The linkback pair throttle moves from each process's memory into the store: one row per
 * (source, target) pair whose repeat window has not ended, shared by every app process.
 */
export function pairThrottleMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('linkback_pair_throttle')
        .addColumn('pair_key', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('linkback_pair_throttle_expires_at')
        .on('linkback_pair_throttle')
        .column('expires_at')
        .execute();
    },
  };
}
