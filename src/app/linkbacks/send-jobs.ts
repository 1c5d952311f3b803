/**
 * The jobs that send linkbacks, as they are queued, and the article-event subscriber that
 * queues them. An article event (publish, update, unpublish, delete, restore) queues one
 * `send-linkbacks` job for the article, in the transaction of the change; that job works out
 * what to notify (`send-plan.ts`) and queues one `send-linkback` job per target
 * (`send-one.ts`), so that each target has its own retries, deferrals and per-host pacing.
 * Publishing also queues one `ping-update-service` job per configured ping service or hub.
 */
import { z } from 'zod';
import type { ArticleEventSubscriber } from '../articles/events.js';
import type { JobRequest } from '../ports.js';

export const PLAN_LINKBACKS_TASK = 'send-linkbacks';
export const SEND_LINKBACK_TASK = 'send-linkback';
export const PING_UPDATE_SERVICE_TASK = 'ping-update-service';

/** Runs the queue gives a job whose handler throws (a fault of ours, such as a lost database). */
const QUEUE_MAX_ATTEMPTS = 10;

export const planPayload = z.object({ articleId: z.number().int().positive() });

export function planJob(articleId: number): JobRequest {
  return {
    task: PLAN_LINKBACKS_TASK,
    payload: { articleId },
    // Edits in quick succession collapse into one plan, which reads the article as it is then.
    dedupeKey: `${PLAN_LINKBACKS_TASK}:${articleId}`,
    maxAttempts: QUEUE_MAX_ATTEMPTS,
  };
}

export const sendPayload = z.object({
  outboundId: z.number().int().positive(),
  /** The ledger row's round this job is for; a newer round makes it a no-op. */
  round: z.number().int().min(0),
  /** `notify`: the endpoint recorded in the row is current (a retry of the POST alone). */
  step: z.enum(['discover', 'notify']),
  /** Refusals by our own limits in a row since the last genuine attempt. */
  deferrals: z.number().int().min(0).optional(),
});
export type SendPayload = z.infer<typeof sendPayload>;

export function sendJob(p: SendPayload, now: Date, delayMs = 0): JobRequest {
  const { deferrals, ...rest } = p;
  return {
    task: SEND_LINKBACK_TASK,
    payload: { ...rest, ...(deferrals ? { deferrals } : {}) },
    dedupeKey: `${SEND_LINKBACK_TASK}:${p.outboundId}`,
    maxAttempts: QUEUE_MAX_ATTEMPTS,
    ...(delayMs > 0 ? { runAt: new Date(now.getTime() + delayMs) } : {}),
  };
}

export const updateServicePayload = z.object({
  articleId: z.number().int().positive(),
  kind: z.enum(['ping', 'websub']),
  service: z.url({ protocol: /^https?$/ }),
});
export type UpdateServicePayload = z.infer<typeof updateServicePayload>;

/** Attempts for one update-service notification (the queue's own backoff between them). */
export const UPDATE_SERVICE_ATTEMPTS = 5;

export function updateServiceJob(p: UpdateServicePayload): JobRequest {
  return {
    task: PING_UPDATE_SERVICE_TASK,
    payload: { ...p },
    dedupeKey: `${PING_UPDATE_SERVICE_TASK}:${p.kind}:${p.service}`,
    maxAttempts: UPDATE_SERVICE_ATTEMPTS,
  };
}

export interface UpdateServices {
  /** `weblogUpdates.extendedPing` endpoints (none by default). */
  readonly pingUrls: readonly string[];
  /** WebSub hubs told `hub.mode=publish` (none by default). */
  readonly websubHubs: readonly string[];
}

/**
 * The subscriber wired in src/main/events.ts. An article that never sends (an import, an editor's
 * `--no-linkbacks-send`) queues nothing at all.
 */
export function sendLinkbacksSubscriber(services: UpdateServices): ArticleEventSubscriber {
  return async (event, tx) => {
    const article = await tx.repos.articles.findById(event.articleId);
    if (!article || !article.linkbacksSend) return;
    await tx.enqueue(planJob(event.articleId));
    if (event.type !== 'article.published') return;
    for (const service of services.pingUrls) {
      await tx.enqueue(updateServiceJob({ articleId: event.articleId, kind: 'ping', service }));
    }
    for (const service of services.websubHubs) {
      await tx.enqueue(updateServiceJob({ articleId: event.articleId, kind: 'websub', service }));
    }
  };
}
