import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  DiscussionItem,
  DiscussionType,
  LinkbackProtocol,
  ModerationStatus,
  VerificationState,
} from '../../domain/discussion-item.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';
import type { Database } from '../schema.js';
import { fromDbOrNull, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;
type ItemRow = Selectable<Database['discussion_items']>;

/** A linkback row with the columns only the receiver and verifier care about. */
export interface LinkbackRecord {
  readonly item: DiscussionItem;
  readonly sourceKey: string | null;
  /** When a verification last succeeded; null when it never has (a "new" linkback). */
  readonly verifiedAt: Date | null;
  readonly rawMf2: string | null;
}

/** What a new request for an existing linkback changes (protocol upgrade, new spelling). */
export interface LinkbackRequestPatch {
  readonly protocol: LinkbackProtocol;
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly authorIp: string | null;
  readonly authorUserAgent: string | null;
  /** Only set when the row is re-opened (it had been rejected or deleted at its source). */
  readonly type?: DiscussionType;
  readonly verification?: VerificationState;
}

/** A linkback as first received, before verification. */
export interface NewLinkback {
  readonly articleId: number;
  readonly protocol: LinkbackProtocol;
  readonly type: DiscussionType;
  readonly status: ModerationStatus;
  readonly authorName: string;
  readonly authorIp: string | null;
  readonly authorUserAgent: string | null;
  readonly sourceUrl: string;
  readonly sourceKey: string;
  readonly targetUrl: string;
  readonly title: string | null;
  readonly contentHtml: TrustedHtml;
  readonly verification: VerificationState;
  readonly verificationError: string | null;
}

/** What a successful verification stores. */
export interface VerifiedLinkback {
  readonly type: DiscussionType;
  readonly title: string | null;
  readonly contentHtml: TrustedHtml;
  readonly authorName: string;
  readonly authorUrl: string | null;
  readonly authorPhoto: string | null;
  readonly rawMf2: string | null;
  readonly publishedAt: Date | null;
}

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
          ...(p.verification === undefined
            ? {}
            : { verification: p.verification, verification_error: null }),
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
  };
}
