/**
 * Events of the discussion (comments and linkbacks), in the style of the article events
 * (articles/events.ts): a use case emits one inside its unit of work, and every subscriber runs
 * in the same transaction, so what a subscriber enqueues commits with the change or not at all.
 * Subscribers are wired once, in the composition root (src/main/events.ts). Not logged: the
 * discussion item's own moderation fields already record who did what.
 *
 * - `discussion.received`: a new comment or linkback was stored (whatever its status);
 * - `discussion.held`: a new item waits for a moderator (emitted after `received`);
 * - `discussion.approved`: an item was approved, on posting (the rules let it through) or by a
 *   moderator;
 * - `discussion.withdrawn`: a moderator took a public item off the page (to pending, spam or
 *   trash);
 * - `discussion.edited`: a staff member changed the text of their own answer (editStaffReply).
 *
 * Webhooks hear only the events their own list names (webhooks/ports.ts).
 */
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { EventTx } from '../articles/events.js';

export const DISCUSSION_EVENT_TYPES = [
  'discussion.received',
  'discussion.held',
  'discussion.approved',
  'discussion.withdrawn',
  'discussion.edited',
] as const;
export type DiscussionEventType = (typeof DISCUSSION_EVENT_TYPES)[number];

export interface DiscussionEvent {
  readonly type: DiscussionEventType;
  readonly item: DiscussionItem;
  readonly at: Date;
}

/** Runs inside the transaction of the change; a throw rolls the change back. */
export type DiscussionEventSubscriber = (event: DiscussionEvent, tx: EventTx) => Promise<void>;
