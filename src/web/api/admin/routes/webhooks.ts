/**
 * Webhooks: hooks added, listed, re-enabled and removed, and their deliveries with each attempt,
 * on the use cases of /admin/webhooks and `newsdesk webhook`. A hook's secret is in the answer
 * that creates it and never again.
 */
import { z } from 'zod';
import {
  addWebhook,
  enableWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  removeWebhook,
  showDelivery,
} from '../../../../app/webhooks/manage.js';
import {
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
} from '../../../../app/webhooks/ports.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { idParams, idString, iso, isoOrNull } from '../schemas.js';

export const adminWebhook = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    description: z.string(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    failingSince: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminWebhook' });

const hookJson = (h: Webhook): z.input<typeof adminWebhook> => ({
  id: h.id,
  url: h.url,
  events: [...h.events],
  description: h.description,
  enabled: h.enabled,
  disabledReason: h.disabledReason,
  consecutiveFailures: h.consecutiveFailures,
  failingSince: isoOrNull(h.failingSince),
  createdAt: iso(h.createdAt),
});

export const adminDelivery = z
  .object({
    id: z.number().int(),
    deliveryId: z.string().meta({ description: 'The Newsdesk-Delivery header the receiver saw.' }),
    hookId: z.number().int(),
    event: z.enum(WEBHOOK_EVENTS),
    state: z.enum(['queued', 'delivered', 'failed']),
    attempts: z.number().int(),
    httpStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    redeliveryOf: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminWebhookDelivery' });

const deliveryJson = (d: WebhookDelivery): z.input<typeof adminDelivery> => ({
  id: d.id,
  deliveryId: d.deliveryId,
  hookId: d.hookId,
  event: d.event,
  state: d.state,
  attempts: d.attempts,
  httpStatus: d.httpStatus,
  durationMs: d.durationMs,
  lastError: d.lastError,
  nextAttemptAt: isoOrNull(d.nextAttemptAt),
  redeliveryOf: d.redeliveryOf,
  createdAt: iso(d.createdAt),
});

const attemptJson = (a: WebhookAttempt) => ({
  attempt: a.attempt,
  httpStatus: a.httpStatus,
  durationMs: a.durationMs,
  error: a.error,
  at: iso(a.at),
});

const base = { action: 'webhooks.manage' } as const;

const list = defineRoute({
  ...base,
  method: 'get',
  path: '/webhooks',
  operationId: 'listWebhooks',
  summary: 'Every webhook, oldest first (secrets left out)',
  scope: 'read',
  response: z.object({ items: z.array(adminWebhook) }),
  async handle({ deps }) {
    return ok({ body: { items: (await listWebhooks(deps.app)).map(hookJson) } });
  },
});

const create = defineRoute({
  ...base,
  method: 'post',
  path: '/webhooks',
  operationId: 'createWebhook',
  summary: 'A new webhook; the answer carries its signing secret, shown this once',
  scope: 'write',
  body: {
    kind: 'json',
    schema: z
      .object({
        url: z.string().max(2000),
        events: z
          .array(z.string().max(60))
          .min(1)
          .max(WEBHOOK_EVENTS.length + 1)
          .meta({ description: `Event names, or ["*"] for all: ${WEBHOOK_EVENTS.join(', ')}.` }),
        description: z.string().max(200).optional(),
      })
      .strict(),
  },
  response: adminWebhook.extend({ secret: z.string() }),
  status: 201,
  refusals: ['conflict'],
  async handle({ deps, caller, body }) {
    const r = await addWebhook(deps.app, body, caller.user);
    if (!r.ok) return r;
    return ok({
      status: 201,
      body: { ...hookJson(r.value), secret: r.value.secret },
      location: `/admin/api/webhooks/${r.value.id}`,
    });
  },
});

const remove = defineRoute({
  ...base,
  method: 'delete',
  path: '/webhooks/{id}',
  operationId: 'deleteWebhook',
  summary: 'Removes a webhook; its delivery history stays readable',
  scope: 'write',
  params: idParams,
  response: z.object({ id: z.number().int(), removed: z.literal(true) }),
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const r = await removeWebhook(deps.app, params.id, caller.user);
    return r.ok ? ok({ body: { id: params.id, removed: true as const } }) : r;
  },
});

const enable = defineRoute({
  ...base,
  method: 'post',
  path: '/webhooks/{id}/enable',
  operationId: 'enableWebhook',
  summary: 'Switches a hook back on after its failures disabled it',
  scope: 'write',
  params: idParams,
  response: z.object({ id: z.number().int(), enabled: z.literal(true) }),
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const r = await enableWebhook(deps.app, params.id, caller.user);
    return r.ok ? ok({ body: { id: params.id, enabled: true as const } }) : r;
  },
});

const deliveries = defineRoute({
  ...base,
  method: 'get',
  path: '/webhooks/deliveries',
  operationId: 'listWebhookDeliveries',
  summary: 'Recent deliveries, newest first, with their result',
  scope: 'read',
  query: z
    .object({
      hook: idString.optional().meta({ description: 'Only this hook’s deliveries.' }),
      limit: z
        .string()
        .regex(/^(?:[1-9]\d{0,2}|1000)$/, 'a number from 1 to 1000')
        .transform(Number)
        .optional(),
    })
    .strict(),
  response: z.object({ items: z.array(adminDelivery) }),
  async handle({ deps, query }) {
    const r = await listDeliveries(deps.app, {
      ...(query.hook === undefined ? {} : { hookId: query.hook }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    return r.ok ? ok({ body: { items: r.value.map(deliveryJson) } }) : r;
  },
});

const delivery = defineRoute({
  ...base,
  method: 'get',
  path: '/webhooks/deliveries/{id}',
  operationId: 'getWebhookDelivery',
  summary: 'One delivery: the exact body sent and every attempt',
  scope: 'read',
  params: idParams,
  response: adminDelivery.extend({
    payload: z.string().meta({ description: 'The exact JSON body that was signed and sent.' }),
    attemptLog: z.array(
      z.object({
        attempt: z.number().int(),
        httpStatus: z.number().int().nullable(),
        durationMs: z.number().int(),
        error: z.string().nullable(),
        at: z.string(),
      }),
    ),
  }),
  refusals: ['not_found'],
  async handle({ deps, params }) {
    const r = await showDelivery(deps.app, String(params.id));
    if (!r.ok) return r;
    return ok({
      body: {
        ...deliveryJson(r.value.delivery),
        payload: r.value.delivery.payload,
        attemptLog: r.value.attempts.map(attemptJson),
      },
    });
  },
});

const redeliverRoute = defineRoute({
  ...base,
  method: 'post',
  path: '/webhooks/deliveries/{id}/redeliver',
  operationId: 'redeliverWebhook',
  summary: 'Sends a delivery’s body again, as a new delivery with a new id',
  scope: 'write',
  params: idParams,
  response: adminDelivery,
  status: 201,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, caller, params }) {
    const r = await redeliver(deps.app, String(params.id), caller.user);
    return r.ok ? ok({ status: 201, body: deliveryJson(r.value) }) : r;
  },
});

export const WEBHOOK_ROUTES: ApiRouteGroup = {
  name: 'webhooks',
  description: 'Signed webhooks for article and discussion events, and their deliveries.',
  routes: [list, create, remove, enable, deliveries, delivery, redeliverRoute],
};
