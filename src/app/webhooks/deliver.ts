/**
 * The `webhook-deliver` task: one attempt at one delivery. It signs the stored body with the
 * hook's secret and the current time (domain/webhook-signature.ts), POSTs it through the guarded
 * fetcher (which refuses private addresses in production), and records the attempt. A failure
 * queues the next attempt as a new job after the backoff (schedule.ts), counts against the hook,
 * and may disable it, telling the owners, in one transaction. Safe to repeat: a job for an
 * attempt already recorded, or for a delivery no longer queued, does nothing.
 */
import { z } from 'zod';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.js';
import type { AppDeps } from '../deps.js';
import { queueNotification } from '../notifications/queue-notification.js';
import type { Logger } from '../ports.js';
import type { DeliveryState, HookPoster, Webhook } from './ports.js';
import { deliveryJob } from './queue-deliveries.js';
import { shouldDisable, webhookBackoffMs, type WebhookSchedule } from './schedule.js';

const payloadSchema = z.object({
  delivery: z.number().int().positive(),
  attempt: z.number().int().positive(),
});

export interface DeliverDeps extends Pick<AppDeps, 'repos' | 'uow' | 'clock'> {
  readonly fetch: HookPoster;
  readonly schedule: WebhookSchedule;
  readonly logger: Logger;
  readonly siteTitle: string;
}

/** How long a delivery waits when our own outbound budget refused it. */
const BUDGET_DEFERRAL_MS = 20_000;

/** The bytes of a receiver's answer worth keeping (an error page is not). */
const ANSWER_BYTES = 16 * 1024;

export async function runWebhookDelivery(deps: DeliverDeps, payload: unknown): Promise<void> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    deps.logger.warn({ payload }, 'webhook-deliver: malformed job payload dropped');
    return;
  }
  const { delivery: row, attempt } = parsed.data;
  const delivery = await deps.repos.webhooks.findDelivery(row);
  if (!delivery || delivery.state !== 'queued' || delivery.attempts >= attempt) return;
  const hook = await deps.repos.webhooks.findById(delivery.hookId);
  const started = deps.clock();
  if (!hook || !hook.enabled) {
    await deps.uow.run((tx) =>
      tx.repos.webhooks.recordAttempt(row, {
        attempt,
        httpStatus: null,
        durationMs: 0,
        error: hook ? 'hook_disabled' : 'hook_removed',
        at: started,
        state: 'failed',
        nextAttemptAt: null,
      }),
    );
    return;
  }

  const t0 = performance.now();
  const answer = await deps.fetch({
    url: hook.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER.toLowerCase()]: signWebhook(hook.secret, delivery.payload, started),
      [DELIVERY_HEADER.toLowerCase()]: delivery.deliveryId,
      [EVENT_HEADER.toLowerCase()]: delivery.event,
    },
    body: delivery.payload,
    accept: ['*/*'],
    maxBytes: ANSWER_BYTES,
    // A POST is never followed through a redirect: a hook that moved is a failure to fix.
    maxRedirects: 0,
    timeoutMs: deps.schedule.timeoutMs,
  });
  const durationMs = Math.round(performance.now() - t0);
  if (!answer.ok && answer.error.code === 'rate_limited') {
    // Our own outbound budget said not now: not an attempt, and not the hook's fault.
    const later = new Date(deps.clock().getTime() + BUDGET_DEFERRAL_MS);
    await deps.uow.run((tx) => tx.enqueue(deliveryJob(row, attempt, later)));
    return;
  }
  const httpStatus = answer.ok ? answer.value.status : null;
  const succeeded = answer.ok && httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
  const error = succeeded ? null : answer.ok ? `http_${answer.value.status}` : answer.error.code;
  const now = deps.clock();
  const last = attempt >= deps.schedule.maxAttempts;
  const nextAt =
    succeeded || last ? null : new Date(now.getTime() + webhookBackoffMs(attempt, deps.schedule));
  const state: DeliveryState = succeeded ? 'delivered' : last ? 'failed' : 'queued';

  await deps.uow.run(async (tx) => {
    const w = tx.repos.webhooks;
    await w.recordAttempt(row, {
      attempt,
      httpStatus,
      durationMs,
      error,
      at: now,
      state,
      nextAttemptAt: nextAt,
    });
    if (succeeded) {
      await w.recordSuccess(hook.id);
      return;
    }
    if (nextAt) await tx.enqueue(deliveryJob(row, attempt + 1, nextAt));
    const standing = await w.recordFailure(hook.id, now);
    if (standing && shouldDisable(standing, now, deps.schedule)) {
      const reason = `disabled after ${standing.consecutiveFailures} failed attempts in a row since ${standing.failingSince?.toISOString()} (last: ${error})`;
      if (await w.disable(hook.id, reason)) {
        const owners = (await tx.repos.users.listByRoles(['owner'])).map((u) => u.email);
        await queueNotification(tx, owners, disabledMessage(deps.siteTitle, standing, reason), now);
      }
    }
  });
  if (!succeeded) {
    deps.logger.info({ hook: hook.id, delivery: row, attempt, error }, 'webhook delivery failed');
  }
}

function disabledMessage(siteTitle: string, hook: Webhook, reason: string) {
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 200);
  return {
    subject: oneLine(`[${siteTitle}] Webhook ${hook.id} disabled: ${hook.url}`),
    body: [
      `The webhook ${hook.id} (${hook.url}) kept failing and has been disabled.`,
      `Reason: ${reason}`,
      '',
      'No events are sent to it until it is enabled again. See what it answered:',
      `  newsdesk webhook deliveries ${hook.id}`,
      'and, once the receiver is fixed:',
      `  newsdesk webhook enable ${hook.id}`,
    ].join('\n'),
  };
}
