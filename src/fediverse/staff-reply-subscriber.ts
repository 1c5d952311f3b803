import type { DiscussionEvent, DiscussionEventSubscriber } from '../app/discussion/events.js';
import type { StaffReplySubscriber } from '../app/fediverse/events.js';
import { isPublic } from '../domain/discussion-item.js';
import { isStaffReplyToFediverse } from '../app/fediverse/staff-reply-source.js';

/** The job that sends a staff answer's Create, Update or Delete to the actor it answers. */
export const FEDIVERSE_STAFF_REPLY_TASK = 'fediverse.staff-reply';

export type StaffReplyActivity = 'create' | 'update' | 'delete';

const ATTEMPTS = 5;

/**
 * Queues the answer's federation in the answer's own transaction (the reply and its job commit
 * or roll back together); the job, on a worker, reads the answer again and sends it, so an answer
 * trashed in between is never sent. The moderator's request only writes rows.
 */
export const fediverseStaffReplySubscriber: StaffReplySubscriber = async (event, tx) => {
  await tx.enqueue({
    task: FEDIVERSE_STAFF_REPLY_TASK,
    payload: { replyItemId: event.replyItemId },
    maxAttempts: ATTEMPTS,
  });
};

/** What a later change of an answer sends: its edit an Update, its removal a Delete. */
function activityFor(event: DiscussionEvent): StaffReplyActivity | null {
  switch (event.type) {
    case 'discussion.edited':
      return 'update';
    case 'discussion.withdrawn':
      return 'delete';
    // replyAsStaff approves its answer without this event: an approval here shows again an answer
    // a moderator had taken off the page.
    case 'discussion.approved':
      return 'create';
    default:
      return null;
  }
}

/**
 * The discussion events after an answer was sent: edited, it is sent again as an Update; taken
 * off the page (pending, spam, trash), a Delete follows it; approved again, a Create. Queued in
 * the change's transaction, for staff answers to fediverse replies only; the job reads the answer
 * again when it runs, so only its state by then is sent.
 */
export const fediverseStaffReplyChanges: DiscussionEventSubscriber = async (event, tx) => {
  const activity = activityFor(event);
  if (activity === null) return;
  // An edit of an answer that is not shown has nothing to update: it was deleted remotely, or
  // its approval will send it with the new text.
  if (activity === 'update' && !isPublic(event.item)) return;
  if (!(await isStaffReplyToFediverse(tx.repos, event.item))) return;
  await tx.enqueue({
    task: FEDIVERSE_STAFF_REPLY_TASK,
    payload: { replyItemId: event.item.id, activity },
    maxAttempts: ATTEMPTS,
  });
};

/** The payload of a staff-reply job, validated (a job queued without `activity` is a Create). */
export function staffReplyPayload(payload: unknown): {
  replyItemId: number;
  activity: StaffReplyActivity;
} {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
    string,
    unknown
  >;
  const id = p['replyItemId'];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new TypeError('fediverse.staff-reply: payload needs a replyItemId');
  }
  const activity = p['activity'] ?? 'create';
  if (activity !== 'create' && activity !== 'update' && activity !== 'delete') {
    throw new TypeError('fediverse.staff-reply: activity must be create, update or delete');
  }
  return { replyItemId: id, activity };
}
