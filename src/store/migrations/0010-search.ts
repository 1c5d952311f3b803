import { sql, type Kysely } from 'kysely';
import { searchDocument } from '../../app/search/document.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import type { StoreCapabilities } from '../capabilities.js';
import { searchRepository } from '../repositories/search.js';
import type { Database } from '../schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Full-text search. `search_documents` keeps, per published article or page, its publication
 * time and, in PostgreSQL, a weighted tsvector of the folded text (GIN index); `search_texts` the
 * original title and plain text (snippets are cut from them). SQLite keeps the folded text in an FTS5 table `search_fts` whose rowid is the
 * article id; its tokenizer treats marks as part of words (the folding is ours, not the engine's).
 * Existing live articles are indexed here, through the same normaliser the app uses.
 *
 * No content-version triggers: the index changes only in the transaction of an article change,
 * which bumps the version already.
 */
export function searchMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      let table = db.schema
        .createTable('search_documents')
        .addColumn('article_id', 'integer', (c) =>
          c.primaryKey().references('articles.id').onDelete('cascade'),
        )
        .addColumn('published_at', 'varchar(30)', (c) => c.notNull());
      if (caps.dialect === 'postgres') {
        table = table.addColumn('document', sql`tsvector`, (c) => c.notNull());
      }
      await table.execute();
      // The original text apart, so that ranking thousands of matches reads small rows only.
      await db.schema
        .createTable('search_texts')
        .addColumn('article_id', 'integer', (c) =>
          c.primaryKey().references('articles.id').onDelete('cascade'),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .execute();
      if (caps.dialect === 'postgres') {
        await sql`create index search_documents_document on search_documents using gin (document)`.execute(
          db,
        );
      } else {
        // Contentless: the folded text is never read back, only matched and ranked.
        await sql`create virtual table search_fts using fts5(title, body,
          content = '', contentless_delete = 1,
          tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`.execute(db);
      }
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'title', 'standfirst', 'body_html', 'published_at', 'created_at'])
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .execute();
      const index = searchRepository(db as Kysely<Database>);
      for (const r of rows as {
        id: number;
        title: string;
        standfirst: string;
        body_html: string;
        published_at: string | null;
        created_at: string;
      }[]) {
        const d = searchDocument({
          ...r,
          bodyHtml: trustStoredHtml(r.body_html),
          publishedAt: r.published_at ? new Date(r.published_at) : null,
          createdAt: new Date(r.created_at),
        });
        await index.upsert(d);
      }
    },
  };
}
