import { PostgresAdapter, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  SearchDocument,
  SearchIndex,
  SearchQuery,
  SearchResults,
} from '../../app/search/ports.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<Database['articles']> & { search_text: string };

/** Title matches count this many times a body match (FTS5 bm25 weights; tsvector weight A vs B). */
const TITLE_WEIGHT = 10;

/**
 * The search port on both engines. Terms arrive folded (domain/search-text.ts) and contain only
 * letters, digits and marks, so they are passed to FTS5 as quoted strings and to PostgreSQL
 * through `plainto_tsquery`: no reader input is ever parsed as query syntax.
 */
export function searchRepository(db: Db) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  /**
   * Phase two: the articles of the ids found, in the order found, checked again for being live
   * (the index holds only published, undeleted articles, but a reader must never see another).
   */
  const articlesOf = async (ids: readonly number[], now: Date) => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('articles as a')
      .innerJoin('search_texts as d', 'd.article_id', 'a.id')
      .selectAll('a')
      .select('d.body_text as search_text')
      .where('a.id', 'in', ids)
      .where('a.status', '=', 'published')
      .where('a.deleted_at', 'is', null)
      .where('a.published_at', '<=', toDb(now))
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [hit(r)] : [];
    });
  };

  /**
   * Phase one ranks ids only, over the index's own tables: the article rows (whose status sits
   * behind their long bodies) are read for the page's ten results alone.
   */
  const searchSqlite = async (q: SearchQuery): Promise<SearchResults> => {
    const match = q.terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
    const from = sql`from search_fts join search_documents d on d.article_id = search_fts.rowid
      where search_fts match ${match} and d.published_at <= ${toDb(q.now)}`;
    const [count] = (
      await sql<{
        n: number;
      }>`select count(*) as n from (select 1 ${from} limit ${q.countUpTo})`.execute(db)
    ).rows;
    const { rows } = await sql<{ id: number }>`select d.article_id as id ${from}
      order by bm25(search_fts, ${TITLE_WEIGHT}, 1.0), d.published_at desc, d.article_id desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return {
      total: Number(count?.n ?? 0),
      hits: await articlesOf(
        rows.map((r) => r.id),
        q.now,
      ),
    };
  };

  const searchPostgres = async (q: SearchQuery): Promise<SearchResults> => {
    const query = sql`plainto_tsquery('simple', ${q.terms.join(' ')})`;
    const from = sql`from search_documents d
      where d.document @@ ${query} and d.published_at <= ${toDb(q.now)}`;
    const [count] = (
      await sql<{
        n: string;
      }>`select count(*) as n from (select 1 ${from} limit ${q.countUpTo}) m`.execute(db)
    ).rows;
    const { rows } = await sql<{ id: number }>`select d.article_id as id ${from}
      order by ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.document, ${query}) desc,
        d.published_at desc, d.article_id desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return {
      total: Number(count?.n ?? 0),
      hits: await articlesOf(
        rows.map((r) => r.id),
        q.now,
      ),
    };
  };

  const texts = (doc: SearchDocument) =>
    sql`insert into search_texts (article_id, title, body_text)
      values (${doc.articleId}, ${doc.title}, ${doc.text})
      on conflict (article_id) do update set title = excluded.title,
        body_text = excluded.body_text`.execute(db);

  return {
    async upsert(doc: SearchDocument): Promise<void> {
      const publishedAt = toDb(doc.publishedAt);
      if (postgres) {
        const document = sql`setweight(to_tsvector('simple', ${doc.titleTerms}), 'A') ||
          setweight(to_tsvector('simple', ${doc.textTerms}), 'B')`;
        await sql`insert into search_documents (article_id, published_at, document)
          values (${doc.articleId}, ${publishedAt}, ${document})
          on conflict (article_id) do update set published_at = excluded.published_at,
            document = excluded.document`.execute(db);
        await texts(doc);
        return;
      }
      await sql`delete from search_fts where rowid = ${doc.articleId}`.execute(db);
      await sql`insert into search_fts (rowid, title, body)
        values (${doc.articleId}, ${doc.titleTerms}, ${doc.textTerms})`.execute(db);
      await sql`insert into search_documents (article_id, published_at)
        values (${doc.articleId}, ${publishedAt})
        on conflict (article_id) do update set published_at = excluded.published_at`.execute(db);
      await texts(doc);
    },
    async upsertMany(docs: readonly SearchDocument[]): Promise<void> {
      const unique = [...new Map(docs.map((d) => [d.articleId, d])).values()];
      if (postgres) {
        for (const doc of unique) await this.upsert(doc);
        return;
      }
      for (let i = 0; i < unique.length; i += 200) {
        const part = unique.slice(i, i + 200);
        const ids = sql.join(part.map((d) => sql`${d.articleId}`));
        await sql`delete from search_fts where rowid in (${ids})`.execute(db);
        await sql`insert into search_fts (rowid, title, body) values ${sql.join(
          part.map((d) => sql`(${d.articleId}, ${d.titleTerms}, ${d.textTerms})`),
        )}`.execute(db);
        await sql`insert into search_documents (article_id, published_at) values ${sql.join(
          part.map((d) => sql`(${d.articleId}, ${toDb(d.publishedAt)})`),
        )} on conflict (article_id) do update set published_at = excluded.published_at`.execute(db);
        await sql`insert into search_texts (article_id, title, body_text) values ${sql.join(
          part.map((d) => sql`(${d.articleId}, ${d.title}, ${d.text})`),
        )} on conflict (article_id) do update set title = excluded.title,
          body_text = excluded.body_text`.execute(db);
      }
    },
    async remove(articleId: number): Promise<void> {
      if (!postgres) await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
      await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
      await sql`delete from search_texts where article_id = ${articleId}`.execute(db);
    },
    search(q: SearchQuery): Promise<SearchResults> {
      if (q.terms.length === 0) return Promise.resolve({ total: 0, hits: [] });
      return postgres ? searchPostgres(q) : searchSqlite(q);
    },
    async clear(): Promise<void> {
      if (!postgres) await sql`delete from search_fts`.execute(db);
      await sql`delete from search_documents`.execute(db);
      await sql`delete from search_texts`.execute(db);
    },
  } satisfies SearchIndex;
}

const hit = (r: Row) => ({ article: toArticle(r), text: r.search_text });
