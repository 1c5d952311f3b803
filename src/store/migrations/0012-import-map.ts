import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * What an import brought in from where: each WordPress record (user, term, post, comment,
 * attachment) of one source site maps to the row it became, so importing the same file again,
 * or finishing an interrupted import, creates nothing twice. Attachments are kept as references
 * (URL, file, alt text, caption) until the media library takes them in.
 */
export function importMapMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await idColumn(db.schema.createTable('import_map'), caps)
        .addColumn('source', 'varchar(300)', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('source_id', 'varchar(300)', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        // JSON: what the import noted about the record (sticky, a password, WordPress's status).
        .addColumn('note', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('import_map_source_kind_id', ['source', 'kind', 'source_id'])
        .execute();
      await db.schema
        .createIndex('import_map_target')
        .on('import_map')
        .columns(['kind', 'target_id'])
        .execute();

      await idColumn(db.schema.createTable('import_attachments'), caps)
        .addColumn('source', 'varchar(300)', (c) => c.notNull())
        .addColumn('wp_post_id', 'varchar(300)', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('media_id', 'integer')
        .addColumn('media_url', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('import_attachments_source_post', ['source', 'wp_post_id'])
        .execute();
    },
  };
}
