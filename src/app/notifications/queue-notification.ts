import type { Repositories, TxContext } from '../ports.js';

export const SEND_NOTIFICATION_TASK = 'send-notification';

/**
 * Writes one outbox row per recipient and a job to send each, in the caller's transaction: the
 * mail exists if and only if the change it reports was committed.
 */
export async function queueNotification(
  tx: TxContext<Repositories>,
  recipients: readonly string[],
  message: { readonly subject: string; readonly body: string },
  now: Date,
): Promise<number[]> {
  const ids: number[] = [];
  for (const recipient of recipients) {
    const row = await tx.repos.outbox.insert({ recipient, ...message }, now);
    await tx.enqueue({
      task: SEND_NOTIFICATION_TASK,
      payload: { outboxId: row.id },
      dedupeKey: `${SEND_NOTIFICATION_TASK}:${row.id}`,
    });
    ids.push(row.id);
  }
  return ids;
}
