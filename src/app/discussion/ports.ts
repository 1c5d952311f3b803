/** Comments and linkbacks share one store of discussion items; these are its operations. */
import type {
  DiscussionItem,
  DiscussionKind,
  ModerationStatus,
} from '../../domain/discussion-item.js';
import type { LinkbackRepository } from '../linkbacks/ports.js';

/** An item as written: the stored fields an item shows, plus what is kept only for moderators. */
export interface NewDiscussionItem
  extends
    Pick<
      DiscussionItem,
      | 'articleId'
      | 'kind'
      | 'protocol'
      | 'type'
      | 'status'
      | 'parentId'
      | 'authorName'
      | 'authorUrl'
      | 'authorEmail'
      | 'authorIp'
      | 'sourceUrl'
      | 'targetUrl'
      | 'title'
      | 'contentHtml'
      | 'verification'
    >,
    Partial<Pick<DiscussionItem, 'authorPhoto' | 'publishedAt'>> {
  readonly authorUserAgent: string | null;
  /** The normalised source URL linkbacks are deduplicated by. */
  readonly sourceKey: string | null;
  /** What the visitor typed (comments), for duplicate detection and moderators. */
  readonly contentSource: string | null;
}

export interface ItemQuery {
  readonly status?: ModerationStatus;
  readonly articleId?: number;
  readonly kind?: DiscussionKind;
  readonly limit?: number;
  /**
   * Keyset paging by id (the admin API's cursor): only items with a smaller id, newest id first.
   * Without it the queue is ordered by the date the item was written.
   */
  readonly beforeId?: number;
  readonly orderById?: boolean;
}

/** One change of an item's moderation status: who, from what, to what, why and when. */
export interface ModerationEvent {
  readonly id: number;
  readonly itemId: number;
  readonly actor: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly reason: string | null;
  readonly createdAt: Date;
}

export interface DiscussionRepository extends LinkbackRepository {
  insert(item: NewDiscussionItem, now: Date): Promise<DiscussionItem>;
  findById(id: number): Promise<DiscussionItem | undefined>;
  /** Approved, publicly visible items of one article, oldest first. */
  listPublic(articleId: number): Promise<DiscussionItem[]>;
  /** How many public items each article has. */
  publicCounts(articleIds: readonly number[]): Promise<Map<number, number>>;
  /** The moderation queue, newest first. */
  list(query: ItemQuery): Promise<DiscussionItem[]>;
  /** Changes the status and records who did it, in the caller's transaction. */
  setStatus(
    item: DiscussionItem,
    to: ModerationStatus,
    actor: string,
    reason: string | null,
    now: Date,
  ): Promise<DiscussionItem>;
  moderationHistory(itemId: number): Promise<ModerationEvent[]>;
  /** Replaces an item's text (what it shows and what was typed), in the caller's transaction. */
  replaceText(
    itemId: number,
    text: { readonly contentHtml: DiscussionItem['contentHtml']; readonly contentSource: string },
    now: Date,
  ): Promise<DiscussionItem>;
  /** A comment on the article by the same email or name with exactly this source text. */
  findDuplicateComment(
    articleId: number,
    author: { readonly email: string; readonly name: string },
    source: string,
  ): Promise<DiscussionItem | undefined>;
  countApprovedByEmail(email: string): Promise<number>;
}
