/**
 * Managing webhooks: the use cases the CLI (`newsdesk webhook`), the admin (/admin/webhooks) and
 * the admin API share. Each returns a Result with the failure catalogue's codes; writes are
 * recorded in the audit log in their own transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import type { AppDeps } from '../deps.js';
import { serializeBody, type WebhookBody } from './payloads.js';
import {
  isWebhookEvent,
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEvent,
} from './ports.js';
import { deliveryJob } from './queue-deliveries.js';

type Deps = Pick<AppDeps, 'repos' | 'uow' | 'clock'>;

/** Who asked: a signed-in user, or a label such as `cli`. */
export type WebhookActor = Pick<Author, 'id' | 'email'> | string;

export const MAX_URL_LENGTH = 2000;
export const MAX_HOOKS = 100;

export interface AddWebhookInput {
  readonly url: string;
  /** Event names; `*` for all of them. */
  readonly events: readonly string[];
  readonly description?: string;
}

/** A hook's URL: absolute http(s), no credentials in it, no fragment, not too long. */
export function checkHookUrl(raw: string): Result<string, Failure> {
  const value = raw.trim();
  if (value.length === 0) return err(failure('invalid_input', 'a URL is required'));
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (value.length > MAX_URL_LENGTH || /[\s\u0000-\u001f\u007f]/.test(value)) {
    return err(
      failure(
        'invalid_input',
        `the URL must be at most ${MAX_URL_LENGTH} characters without spaces`,
      ),
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err(failure('invalid_input', 'the URL is not a valid absolute URL'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(failure('invalid_input', 'the URL must be http or https'));
  }
  if (url.username || url.password) {
    return err(failure('invalid_input', 'the URL must not carry a user name or password'));
  }
  url.hash = '';
  return ok(url.href);
}

export function checkEvents(names: readonly string[]): Result<WebhookEvent[], Failure> {
  const list = names.flatMap((n) => n.split(/[\s,]+/)).filter((n) => n !== '');
  if (list.length === 0) {
    return err(failure('invalid_input', `choose at least one event: ${WEBHOOK_EVENTS.join(', ')}`));
  }
  if (list.includes('*')) return ok([...WEBHOOK_EVENTS]);
  const unknown = list.find((n) => !isWebhookEvent(n));
  if (unknown !== undefined) {
    return err(
      failure(
        'invalid_input',
        `unknown event "${unknown.slice(0, 60)}"; events are ${WEBHOOK_EVENTS.join(', ')}`,
      ),
    );
  }
  return ok(WEBHOOK_EVENTS.filter((e) => list.includes(e)));
}

/** A new signing secret: 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** Adds a hook; the result carries its secret, which is shown this once. */
export async function addWebhook(
  deps: Deps,
  input: AddWebhookInput,
  actor: WebhookActor,
): Promise<Result<Webhook, Failure>> {
  const url = checkHookUrl(input.url);
  if (!url.ok) return url;
  const events = checkEvents(input.events);
  if (!events.ok) return events;
  // eslint-disable-next-line no-control-regex -- control characters become spaces
  const description = (input.description ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (description.length > 200) {
    return err(failure('invalid_input', 'the description must be at most 200 characters'));
  }
  return deps.uow.run(async ({ repos }) => {
    if ((await repos.webhooks.list()).length >= MAX_HOOKS) {
      return err(failure('conflict', `a site may have at most ${MAX_HOOKS} webhooks`));
    }
    const now = deps.clock();
    const hook = await repos.webhooks.insert(
      { url: url.value, events: events.value, secret: newWebhookSecret(), description },
      now,
    );
    await audit(repos.audit, now, {
      actor,
      action: 'webhook.add',
      subject: `webhook:${hook.id}`,
      detail: { url: hook.url, events: hook.events },
    });
    return ok(hook);
  });
}

export const listWebhooks = (deps: Pick<AppDeps, 'repos'>): Promise<Webhook[]> =>
  deps.repos.webhooks.list();

export async function removeWebhook(
  deps: Deps,
  id: number,
  actor: WebhookActor,
): Promise<Result<void, Failure>> {
  return deps.uow.run(async ({ repos }) => {
    const now = deps.clock();
    if (!(await repos.webhooks.remove(id, now))) {
      return err(failure('not_found', `no webhook with id ${id}`));
    }
    await audit(repos.audit, now, { actor, action: 'webhook.remove', subject: `webhook:${id}` });
    return ok(undefined);
  });
}

/** Switches a disabled hook back on, its failures forgotten. */
export async function enableWebhook(
  deps: Deps,
  id: number,
  actor: WebhookActor,
): Promise<Result<void, Failure>> {
  return deps.uow.run(async ({ repos }) => {
    if (!(await repos.webhooks.enable(id))) {
      return err(failure('not_found', `no webhook with id ${id}`));
    }
    await audit(repos.audit, deps.clock(), {
      actor,
      action: 'webhook.enable',
      subject: `webhook:${id}`,
    });
    return ok(undefined);
  });
}

export async function listDeliveries(
  deps: Pick<AppDeps, 'repos'>,
  filter: { readonly hookId?: number; readonly limit?: number },
): Promise<Result<WebhookDelivery[], Failure>> {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return err(failure('invalid_input', 'the limit must be 1 to 1000'));
  }
  if (filter.hookId !== undefined && !(await deps.repos.webhooks.findById(filter.hookId))) {
    return err(failure('not_found', `no webhook with id ${filter.hookId}`));
  }
  return ok(
    await deps.repos.webhooks.listDeliveries({
      ...(filter.hookId === undefined ? {} : { hookId: filter.hookId }),
      limit,
    }),
  );
}

/** One delivery, by row number or by its UUID, with every attempt at it. */
export async function showDelivery(
  deps: Pick<AppDeps, 'repos'>,
  ref: string,
): Promise<Result<{ delivery: WebhookDelivery; attempts: WebhookAttempt[] }, Failure>> {
  const delivery = await findDelivery(deps, ref);
  if (!delivery.ok) return delivery;
  return ok({
    delivery: delivery.value,
    attempts: await deps.repos.webhooks.attempts(delivery.value.id),
  });
}

async function findDelivery(
  deps: Pick<AppDeps, 'repos'>,
  ref: string,
): Promise<Result<WebhookDelivery, Failure>> {
  const value = ref.trim();
  const found = /^\d{1,12}$/.test(value)
    ? await deps.repos.webhooks.findDelivery(Number(value))
    : /^[0-9a-f-]{36}$/i.test(value)
      ? await deps.repos.webhooks.findDeliveryByUuid(value.toLowerCase())
      : null;
  if (found === null) {
    return err(failure('invalid_input', 'a delivery is named by its number or its UUID'));
  }
  return found ? ok(found) : err(failure('not_found', `no delivery ${value.slice(0, 40)}`));
}

/**
 * Sends a delivery's event again, as a new delivery with a new UUID and timestamp (its body says
 * which delivery it repeats), to the same hook, which must still exist and be enabled.
 */
export async function redeliver(
  deps: Deps,
  ref: string,
  actor: WebhookActor,
): Promise<Result<WebhookDelivery, Failure>> {
  const original = await findDelivery(deps, ref);
  if (!original.ok) return original;
  const o = original.value;
  return deps.uow.run(async (tx) => {
    const hook = await tx.repos.webhooks.findById(o.hookId);
    if (!hook) return err(failure('gone', `the webhook of delivery ${o.id} was removed`));
    if (!hook.enabled) {
      return err(failure('conflict', `webhook ${hook.id} is disabled; enable it first`));
    }
    const now = deps.clock();
    const before = JSON.parse(o.payload) as WebhookBody;
    const deliveryId = randomUUID();
    const payload = serializeBody({
      ...before,
      id: deliveryId,
      data: { ...before.data, redeliveryOf: o.deliveryId },
    });
    const d = await tx.repos.webhooks.insertDelivery(
      { deliveryId, hookId: hook.id, event: o.event, payload, redeliveryOf: o.id },
      now,
    );
    await tx.enqueue(deliveryJob(d.id, 1));
    await audit(tx.repos.audit, now, {
      actor,
      action: 'webhook.redeliver',
      subject: `webhook:${hook.id}`,
      detail: { delivery: o.id, as: d.id },
    });
    return ok(d);
  });
}
