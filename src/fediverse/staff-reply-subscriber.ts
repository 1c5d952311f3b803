import type { StaffReplySubscriber } from '../app/fediverse/events.js';

/** The job that sends a staff answer back to the fediverse actor it answers. */
export const FEDIVERSE_STAFF_REPLY_TASK = 'fediverse.staff-reply';

/**
 * Queues the answer's federation in the answer's own transaction (the reply and its job commit
 * or roll back together); the job, on a worker, reads the answer again and sends it, so an answer
 * trashed in between is never sent. The moderator's request only writes rows.
 */
export const fediverseStaffReplySubscriber: StaffReplySubscriber = async (event, tx) => {
  await tx.enqueue({
    task: FEDIVERSE_STAFF_REPLY_TASK,
    payload: { replyItemId: event.replyItemId },
    maxAttempts: 5,
  });
};

/** The payload of a staff-reply job, validated. */
export function staffReplyPayload(payload: unknown): { replyItemId: number } {
  const id =
    typeof payload === 'object' && payload !== null
      ? (payload as { replyItemId?: unknown }).replyItemId
      : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new TypeError('fediverse.staff-reply: payload needs a replyItemId');
  }
  return { replyItemId: id };
}
