import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ArticleFields, ArticleFilter, ArticlesRepository } from '../../app/articles/ports.js';
import type { Article, ArticleKind, ArticleStatus, Page } from '../../domain/article.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import type { Database } from '../schema.js';
import { compiledOnce } from './compiled-query.js';
import { fromDb, fromDbOrNull, toDb, toDbOrNull } from './time.js';

type ArticleRow = Selectable<Database['articles']>;
type Db = Kysely<Database> | Transaction<Database>;

export const toArticle = (r: ArticleRow): Article => ({
  id: r.id,
  kind: r.kind as ArticleKind,
  slug: r.slug,
  title: r.title,
  standfirst: r.standfirst,
  bodySource: r.body_source,
  bodyHtml: trustStoredHtml(r.body_html),
  excerpt: r.excerpt,
  status: r.status as ArticleStatus,
  publishedAt: fromDbOrNull(r.published_at),
  createdAt: fromDb(r.created_at),
  updatedAt: fromDb(r.updated_at),
  deletedAt: fromDbOrNull(r.deleted_at),
  withdrawnAt: fromDbOrNull(r.withdrawn_at),
  unpublishAt: fromDbOrNull(r.unpublish_at),
  authorId: r.author_id,
  comments: { open: r.comments_open === 1, closesAt: fromDbOrNull(r.comments_close_at) },
  linkbacks: { open: r.linkbacks_open === 1, closesAt: fromDbOrNull(r.linkbacks_close_at) },
  trackbackTo: r.trackback_to ? r.trackback_to.split('\n') : [],
  linkbacksSend: r.linkbacks_send === 1,
});

const fieldsToRow = (f: ArticleFields) => ({
  kind: f.kind,
  slug: f.slug,
  title: f.title,
  standfirst: f.standfirst,
  body_source: f.bodySource,
  body_html: f.bodyHtml,
  excerpt: f.excerpt,
  status: f.status,
  published_at: toDbOrNull(f.publishedAt),
  author_id: f.authorId,
  comments_open: f.commentsOpen ? 1 : 0,
  comments_close_at: toDbOrNull(f.commentsCloseAt),
  linkbacks_open: f.linkbacksOpen ? 1 : 0,
  linkbacks_close_at: toDbOrNull(f.linkbacksCloseAt),
  trackback_to: f.trackbackTo.join('\n'),
  unpublish_at: toDbOrNull(f.unpublishAt),
  linkbacks_send: f.linkbacksSend ? 1 : 0,
});

/**
 * Below this many matching articles an archive lists them by collecting the term's articles and
 * sorting them (cheap at any site size); above it, by walking the live articles newest first and
 * keeping the term's (a temporary sort of thousands of rows per request is what made large
 * archives slow; the walk stops after one page).
 */
const SORT_TERM_ARTICLES_UP_TO = 1_000;

interface HeldCount {
  readonly version: number;
  /** When it was counted; a clock that moves back before it recounts. */
  readonly countedAt: string;
  /** The next live article's publication after countedAt: the count is good until then. */
  readonly nextDue: string | null;
  readonly total: number;
}

export function articlesRepository(db: Db) {
  const livePublished = (
    now: Date,
    filter: ArticleFilter,
    terms: 'collect' | 'walk' = 'collect',
  ) => {
    let q = db
      .selectFrom('articles')
      .where('kind', '=', 'article')
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', '<=', toDb(now));
    const byline = filter.authorId;
    if (byline !== undefined) {
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('article_authors').select('article_id').where('user_id', '=', byline),
      );
    }
    if (filter.termIds && filter.termIds.length > 0) {
      const ids = filter.termIds;
      q =
        terms === 'collect'
          ? q.where('id', 'in', (eb) =>
              eb.selectFrom('article_terms').select('article_id').where('term_id', 'in', ids),
            )
          : q.where(({ exists, selectFrom }) =>
              exists(
                selectFrom('article_terms')
                  .select('article_terms.article_id')
                  .whereRef('article_terms.article_id', '=', 'articles.id')
                  .where('article_terms.term_id', 'in', ids),
              ),
            );
    }
    return q;
  };

  /**
   * Listing totals, kept while the store's content version (bumped by triggers on every write to
   * a public table, from any process) is unchanged and no live article's publication time has
   * come since: counting is linear in the site's size, and a listing page needs its total.
   */
  const counts = new Map<string, HeldCount>();
  const contentVersion = compiledOnce<[number], { version: string | number }>(db, (d) =>
    d.selectFrom('content_version').select('version').where('id', '=', 1),
  );
  const nextDueAfter = compiledOnce<[string, string, string], { due: string | null }>(db, (d) =>
    d
      .selectFrom('articles')
      .select((eb) => eb.fn.min('published_at').as('due'))
      .where('kind', '=', 'article')
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', '>', ''),
  );
  const countLive = async (now: Date, filter: ArticleFilter): Promise<number> => {
    const key = JSON.stringify([filter.authorId ?? null, filter.termIds ?? []]);
    const at = toDb(now);
    const [v] = await contentVersion(1);
    const version = Number(v?.version ?? 0);
    const held = counts.get(key);
    if (
      held &&
      held.version === version &&
      held.countedAt <= at &&
      (held.nextDue === null || at < held.nextDue)
    ) {
      return held.total;
    }
    const totalRow = await livePublished(now, filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    const [due] = await nextDueAfter('article', 'published', at);
    const total = Number(totalRow.n);
    if (counts.size >= 1_000) counts.clear();
    counts.set(key, { version, countedAt: at, nextDue: due?.due ?? null, total });
    return total;
  };

  const bySlug = compiledOnce<[string], ArticleRow>(db, (d) =>
    d.selectFrom('articles').selectAll().where('slug', '=', ''),
  );

  return {
    async insert(fields: ArticleFields, now: Date): Promise<Article> {
      const row = await db
        .insertInto('articles')
        .values({ ...fieldsToRow(fields), created_at: toDb(now), updated_at: toDb(now) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db
        .insertInto('article_authors')
        .values({ article_id: row.id, user_id: row.author_id, position: 0 })
        .execute();
      return toArticle(row);
    },
    async update(id: number, fields: ArticleFields, now: Date): Promise<Article | undefined> {
      const live = fields.status !== 'draft';
      const row = await db
        .updateTable('articles')
        .set({
          ...fieldsToRow(fields),
          updated_at: toDb(now),
          // Published or scheduled again: no longer a withdrawn article.
          ...(live ? { withdrawn_at: null } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async setBylines(articleId: number, userIds: readonly number[]): Promise<void> {
      const [first] = userIds;
      if (first === undefined) throw new Error('an article needs at least one byline');
      await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
      await db
        .insertInto('article_authors')
        .values(userIds.map((user_id, position) => ({ article_id: articleId, user_id, position })))
        .execute();
      await db
        .updateTable('articles')
        .set({ author_id: first })
        .where('id', '=', articleId)
        .execute();
    },
    async bylines(articleIds: readonly number[]): Promise<Map<number, number[]>> {
      const map = new Map<number, number[]>();
      if (articleIds.length === 0) return map;
      const rows = await db
        .selectFrom('article_authors')
        .select(['article_id', 'user_id'])
        .where('article_id', 'in', articleIds)
        .orderBy('article_id')
        .orderBy('position')
        .execute();
      for (const r of rows) {
        const list = map.get(r.article_id) ?? [];
        list.push(r.user_id);
        map.set(r.article_id, list);
      }
      return map;
    },
    async findById(id: number): Promise<Article | undefined> {
      const row = await db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async findForUpdate(id: number): Promise<Article | undefined> {
      // A write that changes nothing: PostgreSQL takes the row lock (waiting for a concurrent
      // editor's commit, then reading its result), SQLite the database's write lock.
      const row = await db
        .updateTable('articles')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async findBySlug(slug: string): Promise<Article | undefined> {
      const [row] = await bySlug(slug);
      return row && toArticle(row);
    },
    async slugTaken(slug: string): Promise<boolean> {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row !== undefined;
    },
    async markPublished(id: number, now: Date): Promise<Article | undefined> {
      const row = await db
        .updateTable('articles')
        .set({ status: 'published', updated_at: toDb(now) })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .returningAll()
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async markDeleted(id: number, now: Date): Promise<Article | undefined> {
      const row = await db
        .updateTable('articles')
        .set({ deleted_at: toDb(now), updated_at: toDb(now) })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async markUndeleted(id: number, now: Date): Promise<Article | undefined> {
      const row = await db
        .updateTable('articles')
        .set({ deleted_at: null, updated_at: toDb(now) })
        .where('id', '=', id)
        .where('deleted_at', 'is not', null)
        .returningAll()
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async markWithdrawn(id: number, now: Date): Promise<Article | undefined> {
      const row = await db
        .updateTable('articles')
        .set({ status: 'draft', withdrawn_at: toDb(now), updated_at: toDb(now) })
        .where('id', '=', id)
        .where('status', 'in', ['published', 'scheduled'])
        .returningAll()
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async purge(id: number): Promise<void> {
      await db.deleteFrom('articles').where('id', '=', id).execute();
    },
    async trashedBefore(cutoff: Date, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('deleted_at', 'is not', null)
        .where('deleted_at', '<', toDb(cutoff))
        .orderBy('deleted_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async listPublished(
      now: Date,
      page: number,
      perPage: number,
      filter: ArticleFilter = {},
    ): Promise<Page<Article>> {
      const total = await countLive(now, filter);
      const walk = (filter.termIds?.length ?? 0) > 0 && total > SORT_TERM_ARTICLES_UP_TO;
      const rows = await livePublished(now, filter, walk ? 'walk' : 'collect')
        .selectAll()
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(perPage)
        .offset((page - 1) * perPage)
        .execute();
      return {
        items: rows.map(toArticle),
        page,
        pageCount: Math.max(1, Math.ceil(total / perPage)),
        total,
      };
    },
    async listAll(
      limit: number,
      status?: ArticleStatus,
      kind: ArticleKind | 'any' = 'article',
      opts: { readonly trashed?: boolean } = {},
    ): Promise<Article[]> {
      let q = db
        .selectFrom('articles')
        .selectAll()
        .where('deleted_at', opts.trashed ? 'is not' : 'is', null);
      if (status) q = q.where('status', '=', status);
      if (kind !== 'any') q = q.where('kind', '=', kind);
      const rows = await q
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toArticle);
    },
    async count(): Promise<number> {
      const r = await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async recordOldPath(articleId: number, oldPath: string, now: Date): Promise<void> {
      await db
        .insertInto('slug_history')
        .values({ article_id: articleId, old_path: oldPath, created_at: toDb(now) })
        .onConflict((oc) => oc.column('old_path').doUpdateSet({ article_id: articleId }))
        .execute();
    },
    async findByOldPath(path: string): Promise<Article | undefined> {
      const row = await db
        .selectFrom('slug_history')
        .innerJoin('articles', 'articles.id', 'slug_history.article_id')
        .selectAll('articles')
        .where('slug_history.old_path', '=', path)
        .executeTakeFirst();
      return row && toArticle(row);
    },
  } satisfies ArticlesRepository;
}
