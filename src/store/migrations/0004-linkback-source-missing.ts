import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * When an established linkback's source started answering 404 (null while it answers, or never
 * did). The verifier hides the mention once every check for a set period has been a 404
 * (WordPress answers 404, never 410, for a deleted post) and clears it when the link is back.
 */
export function linkbackSourceMissingMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .alterTable('discussion_items')
        .addColumn('source_missing_since', 'varchar(30)')
        .execute();
    },
  };
}
