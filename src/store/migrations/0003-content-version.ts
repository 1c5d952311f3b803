import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/** Tables whose rows show on public pages; any write to them invalidates cached pages. */
export const PUBLIC_TABLES = [
  'articles',
  'article_terms',
  'terms',
  'users',
  'discussion_items',
  'settings',
  'slug_history',
] as const;

/**
 * A single counter bumped by triggers on every write to a public table, in the writer's own
 * transaction. Page caches in every process compare it before serving, so no code path (imports,
 * CLI, another app process) can forget to invalidate.
 */
export function contentVersionMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('content_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('content_version').values({ id: 1, version: 0 }).execute();
      if (caps.dialect === 'postgres') {
        await sql`create function newsdesk_bump_content_version() returns trigger language plpgsql as $$
          begin update content_version set version = version + 1 where id = 1; return null; end $$`.execute(
          db,
        );
        for (const table of PUBLIC_TABLES) {
          await sql`create trigger ${sql.raw(`${table}_content_version`)} after insert or update or delete
            on ${sql.table(table)} for each statement execute function newsdesk_bump_content_version()`.execute(
            db,
          );
        }
        return;
      }
      for (const table of PUBLIC_TABLES) {
        for (const event of ['insert', 'update', 'delete']) {
          await sql`create trigger ${sql.raw(`${table}_content_version_${event}`)} after ${sql.raw(event)}
            on ${sql.table(table)} begin update content_version set version = version + 1 where id = 1; end`.execute(
            db,
          );
        }
      }
    },
  };
}
