import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Fediverse replies are discussion items of kind `fediverse`: they gain the ActivityPub object id
 * (unique: the same object twice is one item), the actor's id and its `@user@host` handle. Likes
 * and Announces are not items but reactions, in their own table, one per (article, kind, actor);
 * they show on the article page, so every write to them bumps the content version.
 */
export function fediverseThreadMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      const items = () => db.schema.alterTable('discussion_items');
      await items().addColumn('object_id', 'text').execute();
      await items().addColumn('actor_id', 'text').execute();
      await items().addColumn('actor_handle', 'text').execute();
      await db.schema
        .createIndex('discussion_items_object_id')
        .on('discussion_items')
        .column('object_id')
        .unique()
        .execute();
      await db.schema
        .createIndex('discussion_items_actor_id')
        .on('discussion_items')
        .column('actor_id')
        .execute();

      await idColumn(db.schema.createTable('fediverse_reactions'), caps)
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull().unique())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_host', 'text', (c) => c.notNull())
        .addColumn('actor_handle', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text')
        .addColumn('profile_url', 'text', (c) => c.notNull())
        .addColumn('icon_url', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('fediverse_reactions_one_per_actor', [
          'article_id',
          'kind',
          'actor_id',
        ])
        .execute();
      await db.schema
        .createIndex('fediverse_reactions_actor')
        .on('fediverse_reactions')
        .column('actor_id')
        .execute();
      await db.schema
        .createIndex('fediverse_reactions_host')
        .on('fediverse_reactions')
        .column('actor_host')
        .execute();

      for (const event of ['insert', 'update', 'delete'] as const) {
        const name = sql.raw(`fediverse_reactions_content_version_${event}`);
        if (caps.dialect === 'postgres') {
          await sql`create trigger ${name} after ${sql.raw(event)} on fediverse_reactions
            for each row execute function newsdesk_bump_content_version()`.execute(db);
        } else {
          await sql`create trigger ${name} after ${sql.raw(event)} on fediverse_reactions
            for each row begin update content_version set version = version + 1 where id = 1; end`.execute(
            db,
          );
        }
      }
    },
  };
}
