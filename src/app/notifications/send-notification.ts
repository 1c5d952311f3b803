import { z } from 'zod';
import type { Clock, Logger, Repositories } from '../ports.js';
import type { Mailer } from './ports.js';

const payloadSchema = z.object({ outboxId: z.number().int().positive() });

/**
 * The `send-notification` task: sends one outbox message. Safe to repeat: a message already
 * marked sent is skipped (delivery is at least once; a crash between send and mark may resend).
 */
export async function sendNotification(
  deps: { repos: Pick<Repositories, 'outbox'>; mailer: Mailer; clock: Clock; logger: Logger },
  payload: unknown,
): Promise<void> {
  const { outboxId } = payloadSchema.parse(payload);
  const message = await deps.repos.outbox.findById(outboxId);
  if (!message) {
    deps.logger.warn({ outboxId }, 'send-notification: no such outbox message');
    return;
  }
  if (message.status === 'sent') return;
  try {
    await deps.mailer.send({ to: message.recipient, subject: message.subject, text: message.body });
  } catch (error) {
    await deps.repos.outbox.recordError(
      outboxId,
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
  await deps.repos.outbox.markSent(outboxId, deps.clock());
}
