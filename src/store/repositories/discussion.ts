import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  DiscussionRepository,
  ItemQuery,
  ModerationEvent,
  NewDiscussionItem,
} from '../../app/discussion/ports.js';
import type {
  DiscussionItem,
  DiscussionKind,
  DiscussionType,
  LinkbackProtocol,
  ModerationStatus,
  VerificationState,
} from '../../domain/discussion-item.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import type { Database } from '../schema.js';
import { linkbackMethods } from './discussion-linkbacks.js';
import { compiledOnce } from './compiled-query.js';
import { keptByRevision } from '../../app/kept-by-revision.js';
import { fromDb, fromDbOrNull, toDb, toDbOrNull } from './time.js';

/** The columns a DiscussionItem is built from (never the raw mf2, the user agent or the source). */
export const ITEM_COLUMNS = [
  'id',
  'article_id',
  'kind',
  'protocol',
  'type',
  'status',
  'parent_id',
  'author_name',
  'author_url',
  'author_email',
  'author_photo',
  'author_ip',
  'source_url',
  'target_url',
  'title',
  'content_html',
  'verification',
  'verification_error',
  'created_at',
  'updated_at',
  'published_at',
  'object_id',
  'actor_id',
  'actor_handle',
] as const;

type ItemRow = Pick<Selectable<Database['discussion_items']>, (typeof ITEM_COLUMNS)[number]>;
type Db = Kysely<Database> | Transaction<Database>;

export const toItem = (r: ItemRow): DiscussionItem => ({
  id: r.id,
  articleId: r.article_id,
  kind: r.kind as DiscussionKind,
  protocol: r.protocol as LinkbackProtocol | null,
  type: r.type as DiscussionType,
  status: r.status as ModerationStatus,
  parentId: r.parent_id,
  authorName: r.author_name,
  authorUrl: r.author_url,
  authorEmail: r.author_email,
  authorPhoto: r.author_photo,
  authorIp: r.author_ip,
  sourceUrl: r.source_url,
  targetUrl: r.target_url,
  title: r.title,
  contentHtml: trustStoredHtml(r.content_html),
  verification: r.verification as VerificationState,
  verificationError: r.verification_error,
  createdAt: fromDb(r.created_at),
  updatedAt: fromDb(r.updated_at),
  publishedAt: fromDbOrNull(r.published_at),
  ...(r.kind === 'fediverse' && r.object_id && r.actor_id
    ? {
        fediverse: { objectId: r.object_id, actorId: r.actor_id, handle: r.actor_handle ?? '' },
      }
    : {}),
});

/** The row a new discussion item is stored as. */
export const newItemRow = (item: NewDiscussionItem, now: Date) => {
  // One conversion for the three stamps (usually one instant): an import writes hundreds of thousands.
  const at = toDb(now);
  const published = item.publishedAt ?? null;
  return {
    article_id: item.articleId,
    kind: item.kind,
    protocol: item.protocol,
    type: item.type,
    status: item.status,
    parent_id: item.parentId,
    author_name: item.authorName,
    author_url: item.authorUrl,
    author_email: item.authorEmail,
    author_photo: item.authorPhoto ?? null,
    author_ip: item.authorIp,
    author_user_agent: item.authorUserAgent,
    source_url: item.sourceUrl,
    source_key: item.sourceKey,
    target_url: item.targetUrl,
    title: item.title,
    content_html: item.contentHtml,
    content_source: item.contentSource,
    verification: item.verification,
    verification_error: null,
    raw_mf2: null,
    created_at: at,
    updated_at: at,
    published_at: published && published.getTime() === now.getTime() ? at : toDbOrNull(published),
    verified_at: null,
  };
};

const PUBLIC_VERIFICATION = ['verified', 'not-required'] as const;

export function discussionRepository(db: Db) {
  const publicItems = compiledOnce<[number, 'approved', 'verified', 'not-required'], ItemRow>(
    db,
    (d) =>
      d
        .selectFrom('discussion_items')
        .select(ITEM_COLUMNS)
        .where('article_id', '=', 0)
        .where('status', '=', 'approved')
        .where('verification', 'in', PUBLIC_VERIFICATION)
        .orderBy('created_at')
        .orderBy('id'),
  );
  const revisionOf = compiledOnce<[number], { revision: string | number }>(db, (d) =>
    d.selectFrom('discussion_revisions').select('revision').where('article_id', '=', 0),
  );
  // Outside a transaction only: a transaction's reads may not be committed (or may roll back).
  // About 64 KiB each at 50 items; the least recently read dropped first.
  const kept = db.isTransaction ? null : keptByRevision<number, DiscussionItem[]>({ max: 128 });
  const readPublic = async (articleId: number) =>
    (await publicItems(articleId, 'approved', ...PUBLIC_VERIFICATION)).map(toItem);
  return {
    ...linkbackMethods(db, toItem),
    async insert(item: NewDiscussionItem, now: Date): Promise<DiscussionItem> {
      const row = await db
        .insertInto('discussion_items')
        .values(newItemRow(item, now))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toItem(row);
    },
    async findById(id: number): Promise<DiscussionItem | undefined> {
      const row = await db
        .selectFrom('discussion_items')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toItem(row);
    },
    /** Approved, publicly visible items of one article, oldest first. */
    async listPublic(articleId: number): Promise<DiscussionItem[]> {
      if (!kept) return readPublic(articleId);
      const items = await kept.get(
        articleId,
        async () => Number((await revisionOf(articleId))[0]?.revision ?? 0),
        () => readPublic(articleId),
      );
      // A copy of the list: callers may sort or filter it; the items themselves are read-only.
      return [...items];
    },
    async publicCounts(articleIds: readonly number[]): Promise<Map<number, number>> {
      const map = new Map<number, number>();
      if (articleIds.length === 0) return map;
      const rows = await db
        .selectFrom('discussion_items')
        .select(['article_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('article_id', 'in', articleIds)
        .where('status', '=', 'approved')
        .where('verification', 'in', ['verified', 'not-required'])
        .groupBy('article_id')
        .execute();
      for (const r of rows) map.set(r.article_id, Number(r.n));
      return map;
    },
    async list(query: ItemQuery): Promise<DiscussionItem[]> {
      let q = db.selectFrom('discussion_items').selectAll();
      if (query.status) q = q.where('status', '=', query.status);
      if (query.articleId !== undefined) q = q.where('article_id', '=', query.articleId);
      if (query.kind) q = q.where('kind', '=', query.kind);
      if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
      const ordered =
        query.orderById || query.beforeId !== undefined
          ? q.orderBy('id', 'desc')
          : q.orderBy('created_at', 'desc').orderBy('id', 'desc');
      const rows = await ordered.limit(query.limit ?? 100).execute();
      return rows.map(toItem);
    },
    /** Changes the status and records who did it, in the caller's transaction. */
    async setStatus(
      item: DiscussionItem,
      to: ModerationStatus,
      actor: string,
      reason: string | null,
      now: Date,
    ): Promise<DiscussionItem> {
      const row = await db
        .updateTable('discussion_items')
        .set({ status: to, updated_at: toDb(now) })
        .where('id', '=', item.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await db
        .insertInto('moderation_events')
        .values({
          item_id: item.id,
          actor,
          from_status: item.status,
          to_status: to,
          reason,
          created_at: toDb(now),
        })
        .execute();
      return toItem(row);
    },
    async replaceText(
      itemId: number,
      text: { readonly contentHtml: DiscussionItem['contentHtml']; readonly contentSource: string },
      now: Date,
    ): Promise<DiscussionItem> {
      const row = await db
        .updateTable('discussion_items')
        .set({
          content_html: text.contentHtml,
          content_source: text.contentSource,
          updated_at: toDb(now),
        })
        .where('id', '=', itemId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toItem(row);
    },
    async moderationHistory(itemId: number): Promise<ModerationEvent[]> {
      const rows = await db
        .selectFrom('moderation_events')
        .selectAll()
        .where('item_id', '=', itemId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        itemId: r.item_id,
        actor: r.actor,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        reason: r.reason,
        createdAt: fromDb(r.created_at),
      }));
    },
    /** A comment on the article by the same email or name with exactly this source text. */
    async findDuplicateComment(
      articleId: number,
      author: { email: string; name: string },
      source: string,
    ): Promise<DiscussionItem | undefined> {
      const row = await db
        .selectFrom('discussion_items')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('kind', '=', 'comment')
        .where('content_source', '=', source)
        .where((eb) =>
          eb.or([eb('author_email', '=', author.email), eb('author_name', '=', author.name)]),
        )
        .executeTakeFirst();
      return row && toItem(row);
    },
    async countApprovedByEmail(email: string): Promise<number> {
      const r = await db
        .selectFrom('discussion_items')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('author_email', '=', email)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  } satisfies DiscussionRepository;
}
