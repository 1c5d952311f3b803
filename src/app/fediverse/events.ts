/**
 * The event federation subscribes to for sending our staff's answers back: emitted, inside the
 * reply's own transaction, only when a moderator's or author's reply answers an item of kind
 * `fediverse`. Subscribers run in that transaction (so a delivery job they enqueue commits with
 * the reply), in the style of the article events (articles/events.ts).
 */
import type { EventTx } from '../articles/events.js';

export interface StaffReplyToFediverseEvent {
  readonly type: 'discussion.staff-reply-to-fediverse';
  /** Our reply: its discussion item id, its sanitised HTML and where it shows. */
  readonly replyItemId: number;
  readonly replyHtml: string;
  /** The reply's URL on our site (`<article URL>#comment-ID`). */
  readonly replyUrl: string;
  readonly articleId: number;
  /** The staff user who wrote it (its author actor, if that author federates). */
  readonly userId: number;
  /** The fediverse item answered: its ActivityPub object id and its actor's id. */
  readonly parentObjectId: string;
  readonly parentActorId: string;
  readonly at: Date;
}

export type StaffReplySubscriber = (
  event: StaffReplyToFediverseEvent,
  tx: EventTx,
) => Promise<void>;
