/**
 * Domain events of the article lifecycle. A use case emits one inside its unit of work; the event
 * is logged (`article_events`) and every subscriber runs in the same transaction, so the jobs a
 * subscriber enqueues (sending linkbacks, purging a CDN, federating, expiring) commit with the
 * change or not at all. Subscribers are wired once, in the composition root (src/main/events.ts);
 * no feature adds a call to a use case.
 */
import type { ArticleKind } from '../../domain/article.js';
import type { SnapshotField } from '../../domain/revision.js';
import type { JobRequest, Repositories } from '../ports.js';

export const ARTICLE_EVENT_TYPES = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'article.restored',
] as const;
export type ArticleEventType = (typeof ARTICLE_EVENT_TYPES)[number];

export interface ArticleEvent {
  readonly type: ArticleEventType;
  readonly articleId: number;
  readonly kind: ArticleKind;
  /** The user who made the change; null for the system (a scheduled publish, an expiry). */
  readonly actorId: number | null;
  readonly at: Date;
  /** The article's public URL after the change (its tombstone's, once it is gone). */
  readonly url: string;
  /** With `article.updated`: which fields changed. */
  readonly changed?: readonly SnapshotField[];
  /** With `article.updated`: true for a typo fix the editor saved without a public note. */
  readonly silent?: boolean;
  /** With `article.restored`: from the trash, or a restored revision of a live article. */
  readonly from?: 'trash' | 'draft';
}

/** What a subscriber may use: the transaction's repositories and its job queue. */
export interface EventTx {
  readonly repos: Repositories;
  enqueue(job: JobRequest): Promise<void>;
}

/** Runs inside the transaction of the change; a throw rolls the change back. */
export type ArticleEventSubscriber = (event: ArticleEvent, tx: EventTx) => Promise<void>;

/** An event as the log keeps it. */
export interface LoggedArticleEvent {
  readonly id: number;
  readonly articleId: number;
  readonly type: ArticleEventType;
  readonly actorId: number | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

export interface ArticleEventsRepository {
  record(event: ArticleEvent): Promise<void>;
  /** The article's events, oldest first. */
  forArticle(articleId: number): Promise<LoggedArticleEvent[]>;
  /** The newest events across the site (the admin's recent activity). */
  recent(limit: number): Promise<LoggedArticleEvent[]>;
}
