import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * A revision per article's public discussion, bumped by the database on every change a reader can
 * see there (an item inserted, edited, moved, moderated or deleted while approved before or
 * after), from any process or raw SQL. A page can then keep an article's discussion between
 * renders and ask one indexed row whether it still holds, instead of reading and mapping every
 * item again; writes elsewhere on the site (which bump the content version) leave it valid.
 * No foreign key: deleting an article deletes its items, whose triggers write here afterwards.
 * An article with no row has never changed since this migration (its revision is 0).
 */
export function discussionRevisionsMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('discussion_revisions')
        .addColumn('article_id', 'integer', (c) => c.primaryKey())
        .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      const bump = (row: 'old' | 'new') =>
        sql.raw(`insert into discussion_revisions (article_id, revision) values (${row}.article_id, 1)
          on conflict (article_id) do update set revision = discussion_revisions.revision + 1;`);
      if (caps.dialect === 'postgres') {
        await sql`create or replace function newsdesk_bump_discussion_revision() returns trigger
          language plpgsql as $$
          begin
            if tg_op <> 'INSERT' and old.status = 'approved' then ${bump('old')} end if;
            if tg_op <> 'DELETE' and new.status = 'approved' then ${bump('new')} end if;
            return null;
          end $$`.execute(db);
        await sql`create trigger discussion_items_revision after insert or update or delete
          on discussion_items for each row execute function newsdesk_bump_discussion_revision()`.execute(
          db,
        );
        return;
      }
      await sql`create trigger discussion_items_revision_insert after insert on discussion_items
        for each row when (new.status = 'approved') begin ${bump('new')} end`.execute(db);
      await sql`create trigger discussion_items_revision_delete after delete on discussion_items
        for each row when (old.status = 'approved') begin ${bump('old')} end`.execute(db);
      await sql`create trigger discussion_items_revision_update after update on discussion_items
        for each row when (old.status = 'approved' or new.status = 'approved')
        begin ${bump('old')} ${bump('new')} end`.execute(db);
    },
  };
}
