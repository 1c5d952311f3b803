import type { Result } from '../../domain/result.js';
/** Webhooks: the hooks, their deliveries and the attempts at each (src/store implements them). */

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'discussion.received',
  'discussion.held',
  'discussion.approved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const isWebhookEvent = (value: string): value is WebhookEvent =>
  (WEBHOOK_EVENTS as readonly string[]).includes(value);

export interface Webhook {
  readonly id: number;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  /** The HMAC key; kept in clear because signing needs it. Shown once, when the hook is added. */
  readonly secret: string;
  readonly description: string;
  readonly enabled: boolean;
  /** Why the hook was switched off (by its failures), or null. */
  readonly disabledReason: string | null;
  /** Failed attempts since the last success. */
  readonly consecutiveFailures: number;
  /** The first failed attempt of the current run of failures. */
  readonly failingSince: Date | null;
  readonly createdAt: Date;
}

export type DeliveryState = 'queued' | 'delivered' | 'failed';

export interface WebhookDelivery {
  /** The row's number: what the CLI and the admin name. */
  readonly id: number;
  /** The UUID the receiver sees in `Newsdesk-Delivery`, the same on every attempt. */
  readonly deliveryId: string;
  readonly hookId: number;
  readonly event: WebhookEvent;
  /** The exact JSON body sent. */
  readonly payload: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly httpStatus: number | null;
  readonly durationMs: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date | null;
  readonly redeliveryOf: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface WebhookAttempt {
  readonly attempt: number;
  readonly httpStatus: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly at: Date;
}

export interface NewWebhook {
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly secret: string;
  readonly description: string;
}

export interface NewDelivery {
  readonly deliveryId: string;
  readonly hookId: number;
  readonly event: WebhookEvent;
  readonly payload: string;
  readonly redeliveryOf: number | null;
}

export interface AttemptRecord extends WebhookAttempt {
  readonly state: DeliveryState;
  readonly nextAttemptAt: Date | null;
}

export interface WebhooksRepository {
  insert(hook: NewWebhook, now: Date): Promise<Webhook>;
  /** A hook that has not been removed. */
  findById(id: number): Promise<Webhook | undefined>;
  /** Every hook not removed, oldest first. */
  list(): Promise<Webhook[]>;
  /** Every enabled hook, oldest first. */
  listEnabled(): Promise<Webhook[]>;
  /** Removes the hook (its deliveries stay readable); false when there was none. */
  remove(id: number, now: Date): Promise<boolean>;
  /** A success: the run of failures is over. */
  recordSuccess(id: number): Promise<void>;
  /** One more failed attempt; returns the hook as it now stands. */
  recordFailure(id: number, now: Date): Promise<Webhook | undefined>;
  /** Switches the hook off; false when it was already off (so the owner is told once). */
  disable(id: number, reason: string): Promise<boolean>;
  /** Switches the hook back on with its failures forgotten; false when there is no such hook. */
  enable(id: number): Promise<boolean>;
  insertDelivery(delivery: NewDelivery, now: Date): Promise<WebhookDelivery>;
  /** By row number, whatever became of its hook. */
  findDelivery(id: number): Promise<WebhookDelivery | undefined>;
  findDeliveryByUuid(deliveryId: string): Promise<WebhookDelivery | undefined>;
  /** Newest first; of one hook, or of all. */
  listDeliveries(filter: {
    readonly hookId?: number;
    readonly limit: number;
  }): Promise<WebhookDelivery[]>;
  recordAttempt(deliveryRow: number, attempt: AttemptRecord): Promise<void>;
  attempts(deliveryRow: number): Promise<WebhookAttempt[]>;
}

/** One POST of a delivery, as the guarded fetcher (src/net) takes it. */
export interface HookRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accept: readonly string[];
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly timeoutMs: number;
}

/** The outbound port: the guarded fetcher implements it (codes: src/net/types.ts). */
export type HookPoster = (
  request: HookRequest,
) => Promise<Result<{ readonly status: number }, { readonly code: string }>>;
