import type { Kysely, Transaction } from 'kysely';
import type { ArticleFields, NewRevision } from '../../app/articles/ports.js';
import type { NewDiscussionItem } from '../../app/discussion/ports.js';
import type {
  AttachmentReference,
  ImportKind,
  ImportMapEntry,
  ImportRepository,
  Stamped,
} from '../../app/import/ports.js';
import type { Article, Term, TermKind } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { Database } from '../schema.js';
import { fieldsToRow, toArticle } from './articles.js';
import { newItemRow, toItem } from './discussion.js';
import { insertRows, statementCache, type StatementCache } from './bulk-insert.js';
import { toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Statement texts are kept few on purpose: the SQLite driver keeps each distinct text prepared
 * (a multi-row INSERT compiles to a program of hundreds of KB), so a list is cut into pieces of a
 * few fixed sizes and every statement text repeats (SQLite allows 32,766 bound parameters; each
 * piece stays far below, in both dialects).
 */
const SIZES = [512, 256, 64, 16, 4, 1];

/** Rows for multi-row INSERTs: pieces of `max`, then of the smaller sizes for the rest. */
function pieces<T>(list: readonly T[], max = 256): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (const size of SIZES) {
    if (size > max) continue;
    for (; list.length - i >= size; i += size) out.push(list.slice(i, i + size));
  }
  return out;
}

/** Keys for `in (…)` lookups: parts of up to 512, each padded (with its own first key) to a size. */
function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += 512) {
    const part = list.slice(i, i + 512);
    const size = [...SIZES].reverse().find((n) => n >= part.length) ?? part.length;
    const first = part[0];
    if (first !== undefined) while (part.length < size) part.push(first);
    out.push(part);
  }
  return out;
}

/**
 * Rows for article ids, looked up in `in (…)` parts and grouped into lists per article id, in the
 * order the query returns them (each list is appended to in place: no copy per row).
 */
async function groupedByArticle<R, V>(
  articleIds: readonly number[],
  select: (part: number[]) => Promise<R[]>,
  keyOf: (row: R) => number,
  valueOf: (row: R) => V,
): Promise<Map<number, V[]>> {
  const map = new Map<number, V[]>();
  for (const part of chunks([...new Set(articleIds)])) {
    for (const row of await select(part)) {
      const key = keyOf(row);
      const list = map.get(key);
      if (list) list.push(valueOf(row));
      else map.set(key, [valueOf(row)]);
    }
  }
  return map;
}

/**
 * The import map, the attachment references and the outbound ledger rows an import writes.
 * `statements` keeps the compiled multi-row INSERTs: pass the store's one so that every
 * transaction reuses them (a fresh cache per call compiles each shape again).
 */
export function importRepository(db: Db, statements: StatementCache = statementCache()) {
  return {
    async slugsTaken(slugs: readonly string[]): Promise<Set<string>> {
      const taken = new Set<string>();
      for (const part of chunks([...new Set(slugs)])) {
        const rows = await db
          .selectFrom('articles')
          .select('slug')
          .where('slug', 'in', part)
          .execute();
        for (const r of rows) taken.add(r.slug);
      }
      return taken;
    },
    async insertArticles(articles: readonly Stamped<ArticleFields>[]): Promise<Article[]> {
      const out: Article[] = [];
      for (const part of pieces(articles, 64)) {
        const rows = await insertRows(
          db,
          statements,
          'import-articles',
          part.map(({ row, at }) => {
            const stamp = toDb(at);
            return { ...fieldsToRow(row), created_at: stamp, updated_at: stamp };
          }),
          (d, values) => d.insertInto('articles').values(values).returningAll(),
        );
        // Slugs are unique: match the rows back by slug, whatever order RETURNING used.
        const bySlug = new Map(rows.map((r) => [r.slug, r]));
        const made = part.map(({ row }) => {
          const r = bySlug.get(row.slug);
          if (!r) throw new Error(`insertArticles: no row came back for slug ${row.slug}`);
          return toArticle(r);
        });
        await insertRows(
          db,
          statements,
          'import-bylines',
          made.map((a) => ({ article_id: a.id, user_id: a.authorId, position: 0 })),
          (d, values) => d.insertInto('article_authors').values(values),
        );
        out.push(...made);
      }
      return out;
    },
    async attachTerms(pairs: readonly { articleId: number; termId: number }[]): Promise<void> {
      const seen = new Set<string>();
      const unique = pairs.filter((p) => {
        const k = `${p.articleId}:${p.termId}`;
        return seen.has(k) ? false : (seen.add(k), true);
      });
      for (const part of pieces(unique)) {
        await insertRows(
          db,
          statements,
          'import-terms',
          part.map((p) => ({ article_id: p.articleId, term_id: p.termId })),
          (d, values) =>
            d
              .insertInto('article_terms')
              .values(values)
              .onConflict((oc) => oc.columns(['article_id', 'term_id']).doNothing()),
        );
      }
    },
    async addRevisions(revisions: readonly Stamped<NewRevision>[]): Promise<void> {
      for (const part of pieces(revisions, 64)) {
        await insertRows(
          db,
          statements,
          'import-revisions',
          part.map(({ row: rev, at }) => ({
            article_id: rev.articleId,
            title: rev.snapshot.title,
            body_source: rev.snapshot.bodySource,
            excerpt: rev.snapshot.excerpt,
            editor_id: rev.editorId,
            created_at: toDb(at),
            snapshot: JSON.stringify(rev.snapshot),
            changed: rev.changed.join(','),
            reason: rev.reason,
          })),
          (d, values) => d.insertInto('article_revisions').values(values),
        );
      }
    },
    async recordOldPaths(
      paths: readonly { articleId: number; path: string }[],
      now: Date,
    ): Promise<void> {
      // One row per path (the last wins, as one statement each did): PostgreSQL refuses an
      // upsert that touches the same row twice.
      const last = new Map(paths.map((p) => [p.path, p.articleId]));
      const at = toDb(now);
      for (const part of pieces([...last])) {
        await insertRows(
          db,
          statements,
          'import-old-paths',
          part.map(([old_path, article_id]) => ({ article_id, old_path, created_at: at })),
          (d, values) =>
            d
              .insertInto('slug_history')
              .values(values)
              .onConflict((oc) =>
                oc
                  .column('old_path')
                  .doUpdateSet((eb) => ({ article_id: eb.ref('excluded.article_id') })),
              ),
        );
      }
    },
    async addOutboundMany(
      entries: readonly { articleId: number; targetUrls: readonly string[] }[],
      now: Date,
    ): Promise<void> {
      const rows = new Map<string, { article_id: number; target_url: string }>();
      for (const e of entries) {
        for (const target_url of e.targetUrls)
          rows.set(`${e.articleId} ${target_url}`, { article_id: e.articleId, target_url });
      }
      const at = toDb(now);
      for (const part of pieces([...rows.values()])) {
        await insertRows(
          db,
          statements,
          'import-outbound',
          part.map((r) => ({
            ...r,
            status: 'imported',
            attempts: 0,
            created_at: at,
            updated_at: at,
          })),
          (d, values) =>
            d
              .insertInto('outbound_linkbacks')
              .values(values)
              .onConflict((oc) => oc.columns(['article_id', 'target_url']).doNothing()),
        );
      }
    },
    async insertDiscussion(items: readonly Stamped<NewDiscussionItem>[]): Promise<number[]> {
      const ids: number[] = [];
      for (const part of pieces(items)) {
        const rows = await insertRows(
          db,
          statements,
          'import-discussion',
          part.map(({ row, at }) => newItemRow(row, at)),
          (d, values) => d.insertInto('discussion_items').values(values).returning('id'),
        );
        if (rows.length !== part.length)
          throw new Error(`insertDiscussion: ${rows.length} ids for ${part.length} rows`);
        // Ids are handed out in the order the VALUES rows are inserted (SQLite's rowid, a
        // PostgreSQL identity): ascending ids are the input order, whatever order RETURNING used.
        ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
      }
      return ids;
    },
    async linkbackSources(
      articleIds: readonly number[],
    ): Promise<Map<number, Map<string, number>>> {
      const map = new Map<number, Map<string, number>>();
      for (const part of chunks([...new Set(articleIds)])) {
        const rows = await db
          .selectFrom('discussion_items')
          .select(['id', 'article_id', 'source_key'])
          .where('article_id', 'in', part)
          .where('source_key', 'is not', null)
          .execute();
        for (const r of rows) {
          if (r.source_key === null) continue;
          const m = map.get(r.article_id) ?? new Map<string, number>();
          m.set(r.source_key, r.id);
          map.set(r.article_id, m);
        }
      }
      return map;
    },
    async mapped(
      source: string,
      kind: ImportKind,
      ids: readonly string[],
    ): Promise<Map<string, number>> {
      const map = new Map<string, number>();
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db
          .selectFrom('import_map')
          .select(['source_id', 'target_id'])
          .where('source', '=', source)
          .where('kind', '=', kind)
          .where('source_id', 'in', part)
          .execute();
        for (const r of rows) map.set(r.source_id, r.target_id);
      }
      return map;
    },
    async record(entries: readonly ImportMapEntry[], now: Date): Promise<void> {
      const at = toDb(now);
      for (const part of pieces(entries)) {
        await insertRows(
          db,
          statements,
          'import-map',
          part.map((e) => ({
            source: e.source,
            kind: e.kind,
            source_id: e.sourceId,
            target_id: e.targetId,
            note: e.note ? JSON.stringify(e.note) : '{}',
            created_at: at,
          })),
          (d, values) =>
            d
              .insertInto('import_map')
              .values(values)
              .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doNothing()),
        );
      }
    },
    async setTermParent(termId: number, parentId: number): Promise<void> {
      await db
        .updateTable('terms')
        .set({ parent_id: parentId })
        .where('id', '=', termId)
        .where('parent_id', 'is', null)
        .execute();
    },
    async addOutbound(articleId: number, targetUrls: readonly string[], now: Date): Promise<void> {
      const urls = [...new Set(targetUrls)];
      for (const part of pieces(urls)) {
        // Only the ledger's original columns: the rest keep their defaults.
        await db
          .insertInto('outbound_linkbacks')
          .values(
            part.map((target_url) => ({
              article_id: articleId,
              target_url,
              status: 'imported',
              attempts: 0,
              created_at: toDb(now),
              updated_at: toDb(now),
            })),
          )
          .onConflict((oc) => oc.columns(['article_id', 'target_url']).doNothing())
          .execute();
      }
    },
    async addAttachment(ref: AttachmentReference, now: Date): Promise<number> {
      const row = await db
        .insertInto('import_attachments')
        .values({
          source: ref.source,
          wp_post_id: ref.wpPostId,
          article_id: ref.articleId,
          url: ref.url,
          file: ref.file,
          title: ref.title,
          alt: ref.alt,
          caption: ref.caption,
          media_id: ref.mediaId,
          media_url: ref.mediaUrl,
          created_at: toDb(now),
        })
        .onConflict((oc) => oc.columns(['source', 'wp_post_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) return row.id;
      const existing = await db
        .selectFrom('import_attachments')
        .select('id')
        .where('source', '=', ref.source)
        .where('wp_post_id', '=', ref.wpPostId)
        .executeTakeFirstOrThrow();
      return existing.id;
    },
    async setAttachmentMedia(
      source: string,
      wpPostId: string,
      mediaId: number,
      mediaUrl: string,
    ): Promise<void> {
      await db
        .updateTable('import_attachments')
        .set({ media_id: mediaId, media_url: mediaUrl })
        .where('source', '=', source)
        .where('wp_post_id', '=', wpPostId)
        .where('media_id', 'is', null)
        .execute();
    },
    async notesFor(articleIds: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
      const map = new Map<number, Record<string, unknown>>();
      for (const part of chunks([...new Set(articleIds)])) {
        const rows = await db
          .selectFrom('import_map')
          .select(['target_id', 'note'])
          .where('kind', '=', 'post')
          .where('target_id', 'in', part)
          .execute();
        for (const r of rows) {
          const note = JSON.parse(r.note) as Record<string, unknown>;
          const seen = map.get(r.target_id);
          if (seen) Object.assign(seen, note);
          else map.set(r.target_id, note);
        }
      }
      return map;
    },
    async outboundFor(articleIds: readonly number[]): Promise<Map<number, string[]>> {
      return groupedByArticle(
        articleIds,
        (part) =>
          db
            .selectFrom('outbound_linkbacks')
            .select(['article_id', 'target_url'])
            .where('article_id', 'in', part)
            .orderBy('id')
            .execute(),
        (r) => r.article_id,
        (r) => r.target_url,
      );
    },
    async articlesAfter(afterId: number, limit: number): Promise<Article[]> {
      const rows = await db
        .selectFrom('articles')
        .selectAll()
        .where('id', '>', afterId)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toArticle);
    },
    async allTerms(): Promise<Term[]> {
      const rows = await db.selectFrom('terms').selectAll().orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as TermKind,
        name: r.name,
        slug: r.slug,
        parentId: r.parent_id,
        description: r.description,
      }));
    },
    async termIdsFor(articleIds: readonly number[]): Promise<Map<number, number[]>> {
      return groupedByArticle(
        articleIds,
        (part) =>
          db
            .selectFrom('article_terms')
            .select(['article_id', 'term_id'])
            .where('article_id', 'in', part)
            .orderBy('term_id')
            .execute(),
        (r) => r.article_id,
        (r) => r.term_id,
      );
    },
    async discussionFor(articleIds: readonly number[]): Promise<Map<number, DiscussionItem[]>> {
      return groupedByArticle(
        articleIds,
        (part) =>
          db
            .selectFrom('discussion_items')
            .selectAll()
            .where('article_id', 'in', part)
            .where('status', '!=', 'deleted')
            .orderBy('id')
            .execute(),
        (r) => r.article_id,
        toItem,
      );
    },
  } satisfies ImportRepository;
}
