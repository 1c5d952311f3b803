import type { MessageQueue, MessageQueueEnqueueOptions } from '@fedify/fedify';
import type { JobQueue } from '../jobs/contract.js';
import { ttlMs } from './durations.js';

/** The job task that carries one Fedify queue message (an outgoing delivery, a fan-out, an inbox activity). */
export const FEDIVERSE_MESSAGE_TASK = 'fediverse.message';

/** Runs of one message job before it is dead: Fedify retries deliveries itself, with its backoff. */
const MESSAGE_JOB_ATTEMPTS = 3;

/**
 * Fedify's MessageQueue over our durable job queue: every message Fedify queues is a job of task
 * `fediverse.message`, so it survives a restart and runs on the same workers as the rest. Fedify
 * never listens itself (the federation is built with `manuallyStartQueue`): the worker's task
 * handler hands each job to `federation.processQueuedTask`. Fedify keeps its own retry policy
 * (`nativeRetrial` false): a failed delivery is queued again with its backoff as a new job.
 */
export function jobMessageQueue(queue: JobQueue, now: () => Date = () => new Date()): MessageQueue {
  const runAt = (options?: MessageQueueEnqueueOptions): Date =>
    options?.delay === undefined
      ? now()
      : new Date(now().getTime() + Math.max(0, ttlMs(options.delay)));
  return {
    nativeRetrial: false,
    // Fedify's message is a JSON-serialisable record it reads back itself.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Fedify's own signature
    async enqueue(message: any, options?: MessageQueueEnqueueOptions): Promise<void> {
      await queue.enqueue({
        task: FEDIVERSE_MESSAGE_TASK,
        payload: { message: message as unknown },
        runAt: runAt(options),
        maxAttempts: MESSAGE_JOB_ATTEMPTS,
      });
    },
    // The workers run the jobs (see FEDIVERSE_MESSAGE_TASK); listening only waits for the signal.
    listen(_handler, options): Promise<void> {
      return new Promise((resolve) => {
        if (options?.signal === undefined) return;
        if (options.signal.aborted) return resolve();
        options.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
  };
}

/** The message a `fediverse.message` job carries, or an error for a payload that is not one. */
export function messageOf(payload: unknown): Record<string, unknown> {
  const message =
    typeof payload === 'object' && payload !== null
      ? (payload as { message?: unknown }).message
      : undefined;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new TypeError('fediverse.message: the payload carries no message object');
  }
  return message as Record<string, unknown>;
}

/** A Fedify outbox message's inbox and activity, or null for any other message. */
export function outboxDelivery(
  message: Record<string, unknown>,
): { inbox: string; activityId: string | null; activityType: string } | null {
  if (message.type !== 'outbox' || typeof message.inbox !== 'string') return null;
  return {
    inbox: message.inbox,
    activityId: typeof message.activityId === 'string' ? message.activityId : null,
    activityType: typeof message.activityType === 'string' ? message.activityType : 'Activity',
  };
}
