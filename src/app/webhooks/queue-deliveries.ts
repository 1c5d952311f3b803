/**
 * The event subscribers that turn article and discussion events into webhook deliveries: for
 * each enabled hook that hears the event, one delivery row (with its own UUID) and the job that
 * sends it, in the transaction of the change, so a delivery exists if and only if the change
 * was committed.
 */
import { randomUUID } from 'node:crypto';
import { articleUrl } from '../articles/create-article.js';
import type { ArticleEvent, EventTx } from '../articles/events.js';
import type { DiscussionEvent } from '../discussion/events.js';
import type { AppDeps } from '../deps.js';
import { articleData, discussionData, serializeBody } from './payloads.js';
import { isWebhookEvent, type Webhook, type WebhookEvent } from './ports.js';

export const WEBHOOK_DELIVER_TASK = 'webhook-deliver';

/** The job that makes attempt `attempt` at delivery row `deliveryRow`. */
export function deliveryJob(deliveryRow: number, attempt: number, runAt?: Date) {
  return {
    task: WEBHOOK_DELIVER_TASK,
    payload: { delivery: deliveryRow, attempt },
    dedupeKey: `${WEBHOOK_DELIVER_TASK}:${deliveryRow}`,
    // Retries are scheduled by the handler (schedule.ts), each as a job of its own.
    maxAttempts: 1,
    ...(runAt ? { runAt } : {}),
  };
}

/**
 * The enabled hooks, read once per transaction (a change that raises several events, such as a
 * held comment's `received` and `held`, costs one query). Keyed by the transaction's own
 * repositories object, so nothing outlives it.
 */
const hooksOfTx = new WeakMap<object, Promise<Webhook[]>>();
function hooksHearing(tx: EventTx, event: WebhookEvent): Promise<Webhook[]> {
  let all = hooksOfTx.get(tx.repos);
  if (!all) {
    all = tx.repos.webhooks.listEnabled();
    hooksOfTx.set(tx.repos, all);
  }
  return all.then((hooks) => hooks.filter((h) => h.events.includes(event)));
}

/** One delivery per subscribed hook; returns the delivery rows queued. */
export async function queueDeliveries(
  tx: EventTx,
  event: WebhookEvent,
  at: Date,
  data: Readonly<Record<string, unknown>>,
): Promise<number[]> {
  const hooks = await hooksHearing(tx, event);
  const rows: number[] = [];
  for (const hook of hooks) {
    const deliveryId = randomUUID();
    const payload = serializeBody({ id: deliveryId, event, createdAt: at.toISOString(), data });
    const d = await tx.repos.webhooks.insertDelivery(
      { deliveryId, hookId: hook.id, event, payload, redeliveryOf: null },
      at,
    );
    await tx.enqueue(deliveryJob(d.id, 1));
    rows.push(d.id);
  }
  return rows;
}

/** The article-event subscriber (wired in src/main/events.ts); `article.restored` has no hook event. */
export const webhookArticleSubscriber = async (event: ArticleEvent, tx: EventTx) => {
  if (!isWebhookEvent(event.type)) return;
  const article = await tx.repos.articles.findById(event.articleId);
  await queueDeliveries(tx, event.type, event.at, articleData(event, article));
};

/** The discussion-event subscriber (wired in src/main/events.ts). */
export const webhookDiscussionSubscriber =
  (site: Pick<AppDeps, 'siteUrl' | 'timezone'>) =>
  async (event: DiscussionEvent, tx: EventTx): Promise<void> => {
    if (!isWebhookEvent(event.type)) return;
    if ((await hooksHearing(tx, event.type)).length === 0) return;
    const article = await tx.repos.articles.findById(event.item.articleId);
    const url = article ? articleUrl(site, article) : null;
    await queueDeliveries(tx, event.type, event.at, discussionData(event, url));
  };
