import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReaderQueries, SitemapBucket, SitemapEntry } from '../../app/reader/ports.js';
import type { Article, Term } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { ITEM_COLUMNS, toItem } from './discussion.js';
import { toTerm } from './terms.js';
import { fromDb, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Reads for feeds, sitemaps, related articles and navigation (one query each). */
export function readerRepository(db: Db) {
  const liveOf = (kind: 'article' | 'page', now: Date) =>
    db
      .selectFrom('articles')
      .where('kind', '=', kind)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', '<=', toDb(now));

  return {
    async recentPublicItems(now: Date, limit: number): Promise<DiscussionItem[]> {
      const rows = await db
        .selectFrom('discussion_items as d')
        .innerJoin('articles as a', 'a.id', 'd.article_id')
        .select(ITEM_COLUMNS.map((c) => `d.${c}` as const))
        .where('d.status', '=', 'approved')
        .where('d.verification', 'in', ['verified', 'not-required'])
        .where('a.status', '=', 'published')
        .where('a.deleted_at', 'is', null)
        .where('a.published_at', '<=', toDb(now))
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toItem);
    },
    async related(articleId: number, now: Date, limit: number): Promise<Article[]> {
      const rows = await liveOf('article', now)
        .innerJoin('article_terms as t', 't.article_id', 'articles.id')
        .selectAll('articles')
        .select((eb) => eb.fn.countAll<string | number>().as('shared'))
        .where('t.term_id', 'in', (eb) =>
          eb.selectFrom('article_terms').select('term_id').where('article_id', '=', articleId),
        )
        .where('articles.id', '!=', articleId)
        .groupBy('articles.id')
        .orderBy('shared', 'desc')
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toArticle);
    },
    async topCategories(limit: number): Promise<Term[]> {
      const rows = await db
        .selectFrom('terms')
        .selectAll()
        .where('kind', '=', 'category')
        .where('parent_id', 'is', null)
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toTerm);
    },
    async livePages(now: Date, limit: number): Promise<Article[]> {
      const rows = await liveOf('page', now)
        .selectAll()
        .orderBy('title')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toArticle);
    },
    async sitemapBuckets(now: Date, size: number): Promise<SitemapBucket[]> {
      const rows = await liveOf('article', now)
        .select((eb) => [
          eb.fn.max('updated_at').as('last'),
          eb.fn.countAll<string | number>().as('n'),
          // Integer division in both dialects: ids and the literal are integers (a bound
          // parameter would be a float in node:sqlite).
          sql<number>`(id - 1) / ${sql.lit(Math.max(1, Math.floor(size)))}`.as('bucket'),
        ])
        .groupBy('bucket')
        .orderBy('bucket')
        .execute();
      return rows.map((r) => ({
        bucket: Number(r.bucket),
        count: Number(r.n),
        lastModified: fromDb(String(r.last)),
      }));
    },
    async sitemapEntries(now: Date, bucket: number, size: number): Promise<SitemapEntry[]> {
      const rows = await liveOf('article', now)
        .select((eb) => [
          'id',
          'kind',
          'slug',
          'published_at',
          'created_at',
          'updated_at',
          eb
            .selectFrom('article_corrections as c')
            .select((c) => c.fn.max('c.created_at').as('at'))
            .whereRef('c.article_id', '=', 'articles.id')
            .as('noted_at'),
        ])
        .where('id', '>', bucket * size)
        .where('id', '<=', (bucket + 1) * size)
        .orderBy('id')
        .execute();
      return rows.map((r) => {
        const updated = fromDb(r.updated_at);
        const noted = r.noted_at ? fromDb(String(r.noted_at)) : null;
        return {
          id: r.id,
          kind: r.kind as SitemapEntry['kind'],
          slug: r.slug,
          publishedAt: r.published_at ? fromDb(r.published_at) : null,
          createdAt: fromDb(r.created_at),
          lastModified: noted && noted > updated ? noted : updated,
        };
      });
    },
    async publishedIds(): Promise<number[]> {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async publishedSince(now: Date, since: Date, limit: number): Promise<Article[]> {
      const rows = await liveOf('article', now)
        .selectAll()
        .where('published_at', '>=', toDb(since))
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toArticle);
    },
  } satisfies ReaderQueries;
}
