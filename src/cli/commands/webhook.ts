import {
  addWebhook,
  enableWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  removeWebhook,
  showDelivery,
} from '../../app/webhooks/manage.js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookDelivery } from '../../app/webhooks/ports.js';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';
import { cliActor } from './discussion.js';

type GetConfig = Parameters<Command['run']>[2];

/** A hook as listed: never its secret, which `add` shows once. */
const hookRow = (h: Webhook) => ({
  id: h.id,
  url: h.url,
  events: h.events,
  description: h.description,
  enabled: h.enabled,
  disabledReason: h.disabledReason,
  consecutiveFailures: h.consecutiveFailures,
  createdAt: h.createdAt.toISOString(),
});

const deliveryRow = (d: WebhookDelivery) => ({
  id: d.id,
  deliveryId: d.deliveryId,
  hookId: d.hookId,
  event: d.event,
  state: d.state,
  attempts: d.attempts,
  httpStatus: d.httpStatus,
  durationMs: d.durationMs,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  redeliveryOf: d.redeliveryOf,
  createdAt: d.createdAt.toISOString(),
});

function hookId(value: string | undefined, what = 'ID'): number {
  if (value === undefined || !/^\d{1,12}$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${what} must be a webhook id (a positive number)`);
  }
  return Number(value);
}

async function add(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { events: 'strings', description: 'string', json: 'boolean' }, 1);
  const url = f._[0];
  if (!url) throw new UsageError('webhook add needs a URL');
  if (!f.events?.length) {
    throw new UsageError(`--events is required: '*' or some of ${WEBHOOK_EVENTS.join(', ')}`);
  }
  return withRuntime(getConfig(), async (rt) => {
    const made = await addWebhook(
      rt.deps,
      { url, events: f.events ?? [], ...(f.description ? { description: f.description } : {}) },
      cliActor(),
    );
    if (!made.ok) {
      io.err(`newsdesk webhook add: ${terminalText(made.error.message)}`);
      return exitFor(made.error.code);
    }
    const h = made.value;
    if (f.json) io.out(JSON.stringify({ ...hookRow(h), secret: h.secret }, null, 2));
    else {
      io.out(`webhook ${h.id} added: ${terminalText(h.url)} (${h.events.join(' ')})`);
      io.out(`secret: ${h.secret}`);
      io.out('Keep the secret: it is shown only now. Receivers verify Newsdesk-Signature with it.');
    }
    return EXIT.ok;
  });
}

async function list(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' });
  return withRuntime(getConfig(), async (rt) => {
    const hooks = await listWebhooks(rt.deps);
    if (f.json) io.out(JSON.stringify(hooks.map(hookRow), null, 2));
    else {
      for (const h of hooks) {
        const state = h.enabled ? 'enabled' : `disabled: ${h.disabledReason ?? ''}`;
        io.out(`${h.id}\t${terminalText(h.url)}\t${h.events.join(' ')}\t${terminalText(state)}`);
      }
      if (hooks.length === 0) io.out('no webhooks');
    }
    return EXIT.ok;
  });
}

async function removeOrEnable(
  verb: 'remove' | 'enable',
  args: readonly string[],
  io: CommandIo,
  getConfig: GetConfig,
) {
  const f = parseFlags(args, {}, 1);
  const id = hookId(f._[0]);
  return withRuntime(getConfig(), async (rt) => {
    const r =
      verb === 'remove'
        ? await removeWebhook(rt.deps, id, cliActor())
        : await enableWebhook(rt.deps, id, cliActor());
    if (!r.ok) {
      io.err(`newsdesk webhook ${verb}: ${terminalText(r.error.message)}`);
      return exitFor(r.error.code);
    }
    io.out(`webhook ${id} ${verb === 'remove' ? 'removed' : 'enabled'}`);
    return EXIT.ok;
  });
}

async function deliveries(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean', limit: 'string' }, 1);
  const id = f._[0] === undefined ? undefined : hookId(f._[0]);
  const limit = f.limit === undefined ? 50 : Number(f.limit);
  if (!/^\d{1,4}$/.test(f.limit ?? '50') || limit < 1 || limit > 1000) {
    throw new UsageError('--limit must be 1 to 1000');
  }
  return withRuntime(getConfig(), async (rt) => {
    const r = await listDeliveries(rt.deps, { ...(id === undefined ? {} : { hookId: id }), limit });
    if (!r.ok) {
      io.err(`newsdesk webhook deliveries: ${terminalText(r.error.message)}`);
      return exitFor(r.error.code);
    }
    if (f.json) io.out(JSON.stringify(r.value.map(deliveryRow), null, 2));
    else {
      for (const d of r.value) {
        io.out(
          [
            d.id,
            d.createdAt.toISOString(),
            `hook ${d.hookId}`,
            d.event,
            d.state,
            `attempts ${d.attempts}`,
            d.httpStatus ?? '-',
            d.durationMs === null ? '-' : `${d.durationMs} ms`,
            terminalText(d.lastError ?? '-'),
          ].join('\t'),
        );
      }
      if (r.value.length === 0) io.out('no deliveries');
    }
    return EXIT.ok;
  });
}

async function show(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 1);
  const ref = f._[0];
  if (!ref) throw new UsageError('webhook show needs a delivery number or UUID');
  return withRuntime(getConfig(), async (rt) => {
    const r = await showDelivery(rt.deps, ref);
    if (!r.ok) {
      io.err(`newsdesk webhook show: ${terminalText(r.error.message)}`);
      return exitFor(r.error.code);
    }
    const out = {
      ...deliveryRow(r.value.delivery),
      payload: JSON.parse(r.value.delivery.payload) as unknown,
      attempts: r.value.attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
    };
    io.out(JSON.stringify(out, null, 2));
    return EXIT.ok;
  });
}

async function again(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, {}, 1);
  const ref = f._[0];
  if (!ref) throw new UsageError('webhook redeliver needs a delivery number or UUID');
  return withRuntime(getConfig(), async (rt) => {
    const r = await redeliver(rt.deps, ref, cliActor());
    if (!r.ok) {
      io.err(`newsdesk webhook redeliver: ${terminalText(r.error.message)}`);
      return exitFor(r.error.code);
    }
    io.out(`delivery ${r.value.id} (${r.value.deliveryId}) queued`);
    return EXIT.ok;
  });
}

export const webhookCommand: Command = {
  name: 'webhook',
  usage: `newsdesk webhook add URL --events EVENT [--events EVENT…] [--description TEXT] [--json]
newsdesk webhook list [--json]
newsdesk webhook remove ID
newsdesk webhook enable ID
newsdesk webhook deliveries [ID] [--limit N] [--json]
newsdesk webhook show DELIVERY
newsdesk webhook redeliver DELIVERY

EVENT is '*' or one of ${WEBHOOK_EVENTS.join(', ')} (comma-separated lists are accepted).
DELIVERY is a delivery's number (from 'deliveries') or its UUID (the Newsdesk-Delivery header).`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'add') return add(rest, io, getConfig);
    if (sub === 'list') return list(rest, io, getConfig);
    if (sub === 'remove' || sub === 'enable') return removeOrEnable(sub, rest, io, getConfig);
    if (sub === 'deliveries') return deliveries(rest, io, getConfig);
    if (sub === 'show') return show(rest, io, getConfig);
    if (sub === 'redeliver') return again(rest, io, getConfig);
    throw new UsageError(`unknown subcommand: webhook ${sub ?? ''}`.trim());
  },
};
