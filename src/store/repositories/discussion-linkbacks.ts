import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  LinkbackRecord,
  LinkbackRepository,
  LinkbackRequestPatch,
  NewLinkback,
  VerifiedLinkback,
} from '../../app/linkbacks/ports.js';
import type { DiscussionItem, ModerationStatus } from '../../domain/discussion-item.js';
import type { Database } from '../schema.js';
import { fromDbOrNull, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;
type ItemRow = Selectable<Database['discussion_items']>;

/**
 * Linkback-only operations on discussion_items, spread into the discussion repository so they
 * share its connection or transaction.
 */
export function linkbackMethods(db: Db, toItem: (r: ItemRow) => DiscussionItem) {
  const toRecord = (r: ItemRow): LinkbackRecord => ({
    item: toItem(r),
    sourceKey: r.source_key,
    verifiedAt: fromDbOrNull(r.verified_at),
    rawMf2: r.raw_mf2,
    sourceMissingSince: fromDbOrNull(r.source_missing_since),
  });
  const patch = async (id: number, set: Updateable<Database['discussion_items']>, now: Date) => {
    const row = await db
      .updateTable('discussion_items')
      .set({ ...set, updated_at: toDb(now) })
      .where('id', '=', id)
      .where('kind', '=', 'linkback')
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  };
  return {
    /**
     * Inserts unless a row for (article, source key) exists — the partial unique index decides,
     * so two racing requests cannot both insert. Returns undefined when the row already existed.
     */
    async insertLinkbackIfAbsent(l: NewLinkback, now: Date): Promise<LinkbackRecord | undefined> {
      const row = await db
        .insertInto('discussion_items')
        .values({
          article_id: l.articleId,
          kind: 'linkback',
          protocol: l.protocol,
          type: l.type,
          status: l.status,
          parent_id: null,
          author_name: l.authorName,
          author_url: null,
          author_email: null,
          author_photo: null,
          author_ip: l.authorIp,
          author_user_agent: l.authorUserAgent,
          source_url: l.sourceUrl,
          source_key: l.sourceKey,
          target_url: l.targetUrl,
          title: l.title,
          content_html: l.contentHtml,
          content_source: null,
          verification: l.verification,
          verification_error: l.verificationError,
          raw_mf2: null,
          created_at: toDb(now),
          updated_at: toDb(now),
          published_at: null,
          verified_at: null,
        })
        // Must repeat the partial index's predicate (migration 0001) to name it as the target.
        .onConflict((oc) =>
          oc.columns(['article_id', 'source_key']).where('source_key', 'is not', null).doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async findLinkback(id: number): Promise<LinkbackRecord | undefined> {
      const row = await db
        .selectFrom('discussion_items')
        .selectAll()
        .where('id', '=', id)
        .where('kind', '=', 'linkback')
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async findLinkbackBySource(
      articleId: number,
      sourceKey: string,
    ): Promise<LinkbackRecord | undefined> {
      const row = await db
        .selectFrom('discussion_items')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('source_key', '=', sourceKey)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    /** A repeat request for the same (article, source): upgrade protocol, keep the row. */
    requestLinkbackAgain(id: number, p: LinkbackRequestPatch, now: Date) {
      return patch(
        id,
        {
          protocol: p.protocol,
          source_url: p.sourceUrl,
          target_url: p.targetUrl,
          author_ip: p.authorIp,
          author_user_agent: p.authorUserAgent,
          ...(p.type === undefined ? {} : { type: p.type }),
          // A re-opened record starts over: its old verification no longer vouches for it.
          ...(p.verification === undefined
            ? {}
            : {
                verification: p.verification,
                verification_error: null,
                verified_at: null,
                source_missing_since: null,
              }),
        },
        now,
      );
    },
    recordLinkbackVerified(id: number, v: VerifiedLinkback, now: Date) {
      return patch(
        id,
        {
          type: v.type,
          title: v.title,
          content_html: v.contentHtml,
          author_name: v.authorName,
          author_url: v.authorUrl,
          author_photo: v.authorPhoto,
          raw_mf2: v.rawMf2,
          published_at: v.publishedAt === null ? null : toDb(v.publishedAt),
          verification: 'verified',
          verification_error: null,
          verified_at: toDb(now),
          source_missing_since: null,
        },
        now,
      );
    },
    /** Verification failed for good (a new linkback); the row stays, hidden, with the reason. */
    recordLinkbackRejected(id: number, reason: string, now: Date) {
      return patch(id, { verification: 'rejected', verification_error: reason }, now);
    },
    /** Keeps the verification state but notes why the last attempt did not change anything. */
    noteLinkbackError(id: number, reason: string | null, now: Date) {
      return patch(id, { verification_error: reason }, now);
    },
    noteLinkbackMissing(id: number, since: Date, reason: string, now: Date) {
      return patch(id, { verification_error: reason, source_missing_since: toDb(since) }, now);
    },
    hideLinkback(id: number, reason: string, now: Date) {
      return patch(id, { verification: 'rejected', verification_error: reason }, now);
    },
    async changeLinkbackStatus(
      id: number,
      from: ModerationStatus,
      to: ModerationStatus,
      actor: string,
      reason: string | null,
      now: Date,
    ): Promise<boolean> {
      // The status in the WHERE clause is re-checked against the latest committed row
      // (PostgreSQL waits for a concurrent writer, SQLite's write lock is already ours).
      const changed = await db
        .updateTable('discussion_items')
        .set({ status: to, updated_at: toDb(now) })
        .where('id', '=', id)
        .where('kind', '=', 'linkback')
        .where('status', '=', from)
        .returning('id')
        .executeTakeFirst();
      if (!changed) return false;
      await db
        .insertInto('moderation_events')
        .values({
          item_id: id,
          actor,
          from_status: from,
          to_status: to,
          reason,
          created_at: toDb(now),
        })
        .execute();
      return true;
    },
    async statusBeforeDeletion(id: number): Promise<ModerationStatus | undefined> {
      const row = await db
        .selectFrom('moderation_events')
        .select('from_status')
        .where('item_id', '=', id)
        .where('to_status', '=', 'deleted')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.from_status as ModerationStatus | undefined;
    },
  } satisfies LinkbackRepository;
}
