import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/** Tables added here whose rows show on public pages: their writes bump the content version. */
const NEW_PUBLIC_TABLES = ['article_authors', 'article_corrections'] as const;

/**
 * The editorial core: pages beside articles, a standfirst, bylines in order, correction notes,
 * revisions that keep every field, an unpublish-at time, and the log of article events.
 */
export function editorialMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .alterTable('articles')
        .addColumn('kind', 'varchar(20)', (c) => c.notNull().defaultTo('article'))
        .execute();
      await db.schema
        .alterTable('articles')
        .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      // When an editor asked the article to come down (embargo end, expiry); null: never.
      await db.schema.alterTable('articles').addColumn('unpublish_at', 'varchar(30)').execute();
      // When a published article was taken back to draft: its URL then answers 410, not 404.
      await db.schema.alterTable('articles').addColumn('withdrawn_at', 'varchar(30)').execute();
      // 0: never notify the pages this article links to (imports, or an editor's choice).
      await db.schema
        .alterTable('articles')
        .addColumn('linkbacks_send', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Listings show articles, never pages: the live-articles index leads with the kind.
      await db.schema.dropIndex('articles_live').execute();
      await db.schema
        .createIndex('articles_live')
        .on('articles')
        .columns(['kind', 'status', 'deleted_at', 'published_at'])
        .execute();

      await db.schema
        .createTable('article_authors')
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('article_authors_user')
        .on('article_authors')
        .columns(['user_id', 'article_id'])
        .execute();
      await sql`insert into article_authors (article_id, user_id, position)
        select id, author_id, 0 from articles`.execute(db);

      await idColumn(db.schema.createTable('article_corrections'), caps)
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('editor_id', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('article_corrections_article')
        .on('article_corrections')
        .columns(['article_id', 'created_at'])
        .execute();

      // A revision keeps the whole editable state (JSON), which fields changed, and why.
      await db.schema
        .alterTable('article_revisions')
        .addColumn('snapshot', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('article_revisions')
        .addColumn('changed', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('article_revisions')
        .addColumn('reason', 'varchar(20)', (c) => c.notNull().defaultTo('create'))
        .execute();

      await idColumn(db.schema.createTable('article_events'), caps)
        // No foreign key: the log outlives an article purged from the trash.
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('type', 'varchar(30)', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('article_events_article')
        .on('article_events')
        .columns(['article_id', 'id'])
        .execute();

      for (const table of NEW_PUBLIC_TABLES) {
        for (const event of ['insert', 'update', 'delete'] as const) {
          const name = sql.raw(`${table}_content_version_${event}`);
          if (caps.dialect === 'postgres') {
            await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
              for each row execute function newsdesk_bump_content_version()`.execute(db);
          } else {
            await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
              for each row
              begin update content_version set version = version + 1 where id = 1; end`.execute(db);
          }
        }
      }
    },
  };
}
