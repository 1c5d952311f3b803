import type { Kysely, Selectable } from 'kysely';
import {
  isWebhookEvent,
  type DeliveryState,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhooksRepository,
} from '../../app/webhooks/ports.js';
import type { Database } from '../schema.js';
import { fromDb, fromDbOrNull, toDb, toDbOrNull } from './time.js';

type HookRow = Selectable<Database['webhooks']>;
type DeliveryRow = Selectable<Database['webhook_deliveries']>;

const eventsOf = (s: string): WebhookEvent[] => s.split(' ').filter(isWebhookEvent);

const toHook = (r: HookRow): Webhook => ({
  id: r.id,
  url: r.url,
  events: eventsOf(r.events),
  secret: r.secret,
  description: r.description,
  enabled: r.enabled === 1 && r.removed_at === null,
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  failingSince: fromDbOrNull(r.failing_since),
  createdAt: fromDb(r.created_at),
});

const STATES: readonly DeliveryState[] = ['queued', 'delivered', 'failed'];

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  deliveryId: r.delivery_id,
  hookId: r.hook_id,
  event: isWebhookEvent(r.event) ? r.event : 'article.updated',
  payload: r.payload,
  state: STATES.find((s) => s === r.state) ?? 'failed',
  attempts: r.attempts,
  httpStatus: r.http_status,
  durationMs: r.duration_ms,
  lastError: r.last_error,
  nextAttemptAt: fromDbOrNull(r.next_attempt_at),
  redeliveryOf: r.redelivery_of,
  createdAt: fromDb(r.created_at),
  updatedAt: fromDb(r.updated_at),
});

/** The webhooks, their deliveries and attempts: all the SQL of the feature. */
export function webhooksRepository(db: Kysely<Database>) {
  const live = () => db.selectFrom('webhooks').selectAll().where('removed_at', 'is', null);
  return {
    async insert(hook, now) {
      const row = await db
        .insertInto('webhooks')
        .values({
          url: hook.url,
          events: hook.events.join(' '),
          secret: hook.secret,
          description: hook.description,
          enabled: 1,
          disabled_reason: null,
          consecutive_failures: 0,
          failing_since: null,
          created_at: toDb(now),
          removed_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toHook(row);
    },
    async findById(id) {
      const row = await live().where('id', '=', id).executeTakeFirst();
      return row && toHook(row);
    },
    async list() {
      return (await live().orderBy('id').execute()).map(toHook);
    },
    async listEnabled() {
      return (await live().where('enabled', '=', 1).orderBy('id').execute()).map(toHook);
    },
    async remove(id, now) {
      const r = await db
        .updateTable('webhooks')
        .set({ removed_at: toDb(now), enabled: 0 })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async recordSuccess(id) {
      await db
        .updateTable('webhooks')
        .set({ consecutive_failures: 0, failing_since: null })
        .where('id', '=', id)
        .execute();
    },
    async recordFailure(id, now) {
      await db
        .updateTable('webhooks')
        .set((eb) => ({
          consecutive_failures: eb('consecutive_failures', '+', 1),
          failing_since: eb.fn.coalesce('failing_since', eb.val(toDb(now))),
        }))
        .where('id', '=', id)
        .execute();
      const row = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toHook(row);
    },
    async disable(id, reason) {
      const r = await db
        .updateTable('webhooks')
        .set({ enabled: 0, disabled_reason: reason.slice(0, 2000) })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async enable(id) {
      const r = await db
        .updateTable('webhooks')
        .set({ enabled: 1, disabled_reason: null, consecutive_failures: 0, failing_since: null })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async insertDelivery(d, now) {
      const row = await db
        .insertInto('webhook_deliveries')
        .values({
          delivery_id: d.deliveryId,
          hook_id: d.hookId,
          event: d.event,
          payload: d.payload,
          state: 'queued',
          attempts: 0,
          http_status: null,
          duration_ms: null,
          last_error: null,
          next_attempt_at: toDb(now),
          redelivery_of: d.redeliveryOf,
          created_at: toDb(now),
          updated_at: toDb(now),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDelivery(row);
    },
    async findDelivery(id) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toDelivery(row);
    },
    async findDeliveryByUuid(deliveryId) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('delivery_id', '=', deliveryId)
        .executeTakeFirst();
      return row && toDelivery(row);
    },
    async listDeliveries(filter) {
      let q = db.selectFrom('webhook_deliveries').selectAll();
      if (filter.hookId !== undefined) q = q.where('hook_id', '=', filter.hookId);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(toDelivery);
    },
    async recordAttempt(deliveryRow, a) {
      await db
        .insertInto('webhook_attempts')
        .values({
          delivery_row: deliveryRow,
          attempt: a.attempt,
          http_status: a.httpStatus,
          duration_ms: a.durationMs,
          error: a.error === null ? null : a.error.slice(0, 2000),
          at: toDb(a.at),
        })
        .execute();
      await db
        .updateTable('webhook_deliveries')
        .set({
          state: a.state,
          attempts: a.attempt,
          http_status: a.httpStatus,
          duration_ms: a.durationMs,
          last_error: a.error === null ? null : a.error.slice(0, 2000),
          next_attempt_at: toDbOrNull(a.nextAttemptAt),
          updated_at: toDb(a.at),
        })
        .where('id', '=', deliveryRow)
        .execute();
    },
    async attempts(deliveryRow) {
      const rows = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_row', '=', deliveryRow)
        .orderBy('attempt')
        .execute();
      return rows.map((r) => ({
        attempt: r.attempt,
        httpStatus: r.http_status,
        durationMs: r.duration_ms,
        error: r.error,
        at: fromDb(r.at),
      }));
    },
  } satisfies WebhooksRepository;
}
