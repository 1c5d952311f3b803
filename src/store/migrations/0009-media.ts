import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * The media library: one row per uploaded image (its files live in media storage, named by the
 * content hash), the articles' inline uses of it, and an article's featured image. Rows of
 * `media` show on pages (alt text, caption, credit), so writing them bumps the content version
 * like every public table (per row, as 0007 made the others).
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

      for (const event of ['insert', 'update', 'delete'] as const) {
        const name = sql.raw(`media_content_version_${event}`);
        if (caps.dialect === 'postgres') {
          await sql`create trigger ${name} after ${sql.raw(event)} on media
            for each row execute function newsdesk_bump_content_version()`.execute(db);
        } else {
          await sql`create trigger ${name} after ${sql.raw(event)} on media for each row
            begin update content_version set version = version + 1 where id = 1; end`.execute(db);
        }
      }
    },
  };
}
