import type { Kysely, CreateTableBuilder } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';

// Migrations are written against an untyped Kysely: they describe the schema before the Database
// interface matches it, so the typed interface cannot apply.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function idColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  caps: StoreCapabilities,
): CreateTableBuilder<T, 'id'> {
  return caps.serialKey === 'serial'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export function coreMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('users'), caps)
        .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('url', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('articles'), caps)
        .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_source', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('deleted_at', 'varchar(30)')
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('comments_close_at', 'varchar(30)')
        .addColumn('linkbacks_open', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('linkbacks_close_at', 'varchar(30)')
        .addColumn('trackback_to', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createIndex('articles_status_published')
        .on('articles')
        .columns(['status', 'published_at'])
        .execute();
      await db.schema.createIndex('articles_author').on('articles').column('author_id').execute();

      await idColumn(db.schema.createTable('article_revisions'), caps)
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_source', 'text', (c) => c.notNull())
        .addColumn('excerpt', 'text', (c) => c.notNull())
        .addColumn('editor_id', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('article_revisions_article')
        .on('article_revisions')
        .column('article_id')
        .execute();

      await idColumn(db.schema.createTable('terms'), caps)
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('slug', 'varchar(200)', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('terms.id').onDelete('set null'))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addUniqueConstraint('terms_kind_slug', ['kind', 'slug'])
        .execute();

      await db.schema
        .createTable('article_terms')
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('term_id', 'integer', (c) =>
          c.notNull().references('terms.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('article_terms_pk', ['article_id', 'term_id'])
        .execute();
      await db.schema
        .createIndex('article_terms_term')
        .on('article_terms')
        .column('term_id')
        .execute();

      await idColumn(db.schema.createTable('slug_history'), caps)
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('old_path', 'varchar(300)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('discussion_items'), caps)
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('protocol', 'varchar(20)')
        .addColumn('type', 'varchar(20)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) =>
          c.references('discussion_items.id').onDelete('set null'),
        )
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_url', 'text')
        .addColumn('author_email', 'text')
        .addColumn('author_photo', 'text')
        .addColumn('author_ip', 'varchar(64)')
        .addColumn('author_user_agent', 'text')
        .addColumn('source_url', 'text')
        .addColumn('source_key', 'text')
        .addColumn('target_url', 'text')
        .addColumn('title', 'text')
        .addColumn('content_html', 'text', (c) => c.notNull())
        .addColumn('content_source', 'text')
        .addColumn('verification', 'varchar(20)', (c) => c.notNull())
        .addColumn('verification_error', 'text')
        .addColumn('raw_mf2', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(30)')
        .addColumn('verified_at', 'varchar(30)')
        .execute();
      await db.schema
        .createIndex('discussion_items_article_status')
        .on('discussion_items')
        .columns(['article_id', 'status', 'created_at'])
        .execute();
      // One record per (article, normalised source) across all three protocols.
      await db.schema
        .createIndex('discussion_items_article_source')
        .on('discussion_items')
        .columns(['article_id', 'source_key'])
        .unique()
        .where('source_key', 'is not', null)
        .execute();
      await db.schema
        .createIndex('discussion_items_status_created')
        .on('discussion_items')
        .columns(['status', 'created_at'])
        .execute();

      await idColumn(db.schema.createTable('moderation_events'), caps)
        .addColumn('item_id', 'integer', (c) =>
          c.notNull().references('discussion_items.id').onDelete('cascade'),
        )
        .addColumn('actor', 'varchar(200)', (c) => c.notNull())
        .addColumn('from_status', 'varchar(20)', (c) => c.notNull())
        .addColumn('to_status', 'varchar(20)', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('moderation_events_item')
        .on('moderation_events')
        .column('item_id')
        .execute();

      await idColumn(db.schema.createTable('outbound_linkbacks'), caps)
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('target_url', 'text', (c) => c.notNull())
        .addColumn('protocol', 'varchar(20)')
        .addColumn('endpoint', 'text')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('status_url', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('outbound_linkbacks_article_target', ['article_id', 'target_url'])
        .execute();

      await idColumn(db.schema.createTable('outbox'), caps)
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('sent_at', 'varchar(30)')
        .addColumn('last_error', 'text')
        .execute();
    },
  };
}
