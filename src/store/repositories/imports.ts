import type { Kysely, Transaction } from 'kysely';
import type {
  AttachmentReference,
  ImportKind,
  ImportMapEntry,
  ImportRepository,
} from '../../app/import/ports.js';
import type { Article, Term, TermKind } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { toItem } from './discussion.js';
import { toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

/** SQLite allows 32,766 bound parameters; stay far below for both dialects. */
const CHUNK = 500;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The import map, the attachment references and the outbound ledger rows an import writes. */
export function importRepository(db: Db) {
  return {
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
      for (const part of chunks(entries, 100)) {
        await db
          .insertInto('import_map')
          .values(
            part.map((e) => ({
              source: e.source,
              kind: e.kind,
              source_id: e.sourceId,
              target_id: e.targetId,
              note: JSON.stringify(e.note ?? {}),
              created_at: toDb(now),
            })),
          )
          .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doNothing())
          .execute();
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
      for (const part of chunks(urls, 100)) {
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
    async notesFor(articleIds: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
      const map = new Map<number, Record<string, unknown>>();
      for (const part of chunks(articleIds)) {
        const rows = await db
          .selectFrom('import_map')
          .select(['target_id', 'note'])
          .where('kind', '=', 'post')
          .where('target_id', 'in', part)
          .execute();
        for (const r of rows) {
          map.set(r.target_id, {
            ...map.get(r.target_id),
            ...(JSON.parse(r.note) as Record<string, unknown>),
          });
        }
      }
      return map;
    },
    async outboundFor(articleIds: readonly number[]): Promise<Map<number, string[]>> {
      const map = new Map<number, string[]>();
      for (const part of chunks(articleIds)) {
        const rows = await db
          .selectFrom('outbound_linkbacks')
          .select(['article_id', 'target_url'])
          .where('article_id', 'in', part)
          .orderBy('id')
          .execute();
        for (const r of rows)
          map.set(r.article_id, [...(map.get(r.article_id) ?? []), r.target_url]);
      }
      return map;
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
      const map = new Map<number, number[]>();
      for (const part of chunks(articleIds)) {
        const rows = await db
          .selectFrom('article_terms')
          .select(['article_id', 'term_id'])
          .where('article_id', 'in', part)
          .orderBy('term_id')
          .execute();
        for (const r of rows) map.set(r.article_id, [...(map.get(r.article_id) ?? []), r.term_id]);
      }
      return map;
    },
    async discussionFor(articleIds: readonly number[]): Promise<Map<number, DiscussionItem[]>> {
      const map = new Map<number, DiscussionItem[]>();
      for (const part of chunks(articleIds)) {
        const rows = await db
          .selectFrom('discussion_items')
          .selectAll()
          .where('article_id', 'in', part)
          .where('status', '!=', 'deleted')
          .orderBy('id')
          .execute();
        for (const r of rows) {
          const item = toItem(r);
          map.set(item.articleId, [...(map.get(item.articleId) ?? []), item]);
        }
      }
      return map;
    },
  } satisfies ImportRepository;
}
