import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { PUBLIC_TABLES } from './0003-content-version.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Settings rows that never show on a page: the secrets behind form tokens and status URLs.
 * Writing them (on a site's first comment form or first webmention) must not flush the cache.
 */
const PRIVATE_SETTINGS = ['comment-form-secret', 'linkback-status-secret'];

type Event = 'insert' | 'update' | 'delete';

/**
 * When a row change can alter a public page. A discussion item shows only once approved, so a
 * burst of pending webmentions (or spam) leaves cached pages alone; an approval, an unapproval
 * or an edit of an approved item does not.
 */
function condition(table: string, event: Event): string | null {
  const rows = event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['old', 'new'];
  if (table === 'discussion_items') {
    return rows.map((r) => `${r}.status = 'approved'`).join(' or ');
  }
  if (table === 'settings') {
    const keys = PRIVATE_SETTINGS.map((k) => `'${k}'`).join(', ');
    return rows.map((r) => `${r}.key not in (${keys})`).join(' or ');
  }
  return null;
}

/**
 * The content-version triggers fire per row, and only for changes a reader can see. The first
 * ones fired per statement on PostgreSQL, so a write that changed nothing (an upsert that did
 * nothing) still flushed every cached page, and on both databases every pending linkback did.
 */
export function contentVersionRowsMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      for (const table of PUBLIC_TABLES) {
        if (caps.dialect === 'postgres') {
          await sql`drop trigger if exists ${sql.raw(`${table}_content_version`)} on ${sql.table(table)}`.execute(
            db,
          );
        }
        for (const event of ['insert', 'update', 'delete'] as const) {
          const name = sql.raw(`${table}_content_version_${event}`);
          const when = condition(table, event);
          const whenSql = sql.raw(when ? `when (${when})` : '');
          if (caps.dialect === 'postgres') {
            await sql`drop trigger if exists ${name} on ${sql.table(table)}`.execute(db);
            await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
              for each row ${whenSql} execute function newsdesk_bump_content_version()`.execute(db);
          } else {
            await sql`drop trigger if exists ${name}`.execute(db);
            await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
              for each row ${whenSql}
              begin update content_version set version = version + 1 where id = 1; end`.execute(db);
          }
        }
      }
    },
  };
}
