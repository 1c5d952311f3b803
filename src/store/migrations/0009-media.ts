import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * The media library: one row per uploaded image (its files live in media storage, named by the
 * content hash), the articles' inline uses of it, and an article's featured image. The alt text,
 * caption and credit of an item show on the pages of the articles using it, so changing them
 * bumps the content version (per row, as 0007 made the other tables do).
 */
export function mediaMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await idColumn(db.schema.createTable('media'), caps)
        .addColumn('hash', 'varchar(16)', (c) => c.notNull().unique())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('format', 'varchar(10)', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('animated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('has_alpha', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('original_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('variants_ready_at', 'varchar(30)')
        .execute();

      await db.schema
        .createTable('article_media')
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id'))
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addPrimaryKeyConstraint('article_media_pk', ['article_id', 'media_id'])
        .execute();
      await db.schema
        .createIndex('article_media_media')
        .on('article_media')
        .column('media_id')
        .execute();

      await db.schema
        .alterTable('articles')
        .addColumn('featured_media_id', 'integer', (c) => c.references('media.id'))
        .execute();
      await db.schema
        .createIndex('articles_featured_media')
        .on('articles')
        .column('featured_media_id')
        .execute();

      // Only a change of what a page shows of an item bumps the version: a new item is on no
      // page until an article names it (and writing that article bumps it), an item can only be
      // deleted when no article uses it, and the variant job's bookkeeping shows nowhere.
      const changed =
        'old.alt <> new.alt or old.caption <> new.caption or old.credit <> new.credit';
      if (caps.dialect === 'postgres') {
        await sql`create trigger media_content_version_update after update of alt, caption, credit
          on media for each row when (${sql.raw(changed)})
          execute function newsdesk_bump_content_version()`.execute(db);
      } else {
        await sql`create trigger media_content_version_update after update of alt, caption, credit
          on media for each row when ${sql.raw(changed)}
          begin update content_version set version = version + 1 where id = 1; end`.execute(db);
      }
    },
  };
}
