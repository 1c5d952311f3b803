/**
 * /admin/webhooks: list, add and remove hooks, switch a disabled one back on, and read each
 * hook's deliveries with their results (and send one again). Owner only (`webhooks.manage`, via
 * ADMIN_ROUTES). Every action is a use case of app/webhooks/manage.ts, the ones the CLI calls.
 */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppDeps } from '../../app/deps.js';
import {
  addWebhook,
  enableWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  removeWebhook,
} from '../../app/webhooks/manage.js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookDelivery } from '../../app/webhooks/ports.js';
import type { Author } from '../../domain/article.js';
import type { Failure } from '../../domain/failures.js';
import { statusFor } from '../errors.js';
import { AdminLayout, type AdminFrame } from './admin-views.js';

interface FormValues {
  readonly url: string;
  readonly events: readonly string[];
  readonly description: string;
}

const EMPTY: FormValues = { url: '', events: [], description: '' };
const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

export function WebhooksPage(props: {
  frame: AdminFrame;
  hooks: readonly Webhook[];
  values: FormValues;
  notice?: string;
  error?: string;
  /** The secret of a hook just added: shown this once. */
  secret?: string;
}) {
  const { frame } = props;
  return (
    <AdminLayout frame={frame} title="Webhooks">
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.secret ? (
        <p class="notice" role="status">
          Signing secret (shown only now): <code>{props.secret}</code>
        </p>
      ) : null}
      <table class="webhooks">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.hooks.map((h) => (
            <tr>
              <td>{h.id}</td>
              <td>
                <a href={`/admin/webhooks/deliveries?hook=${h.id}`}>{h.url}</a>
                {h.description ? <div>{h.description}</div> : null}
              </td>
              <td>{h.events.join(' ')}</td>
              <td>
                {h.enabled ? 'enabled' : `disabled: ${h.disabledReason ?? ''}`}
                {h.consecutiveFailures > 0 ? ` (${h.consecutiveFailures} failures in a row)` : ''}
              </td>
              <td>
                <form method="post" action="/admin/webhooks" class="inline">
                  <input type="hidden" name="_csrf" value={frame.csrf} />
                  <input type="hidden" name="id" value={String(h.id)} />
                  {h.enabled ? null : (
                    <button type="submit" name="op" value="enable">
                      Enable
                    </button>
                  )}
                  <button type="submit" name="op" value="remove">
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.hooks.length === 0 ? <p>No webhooks yet.</p> : null}
      <h2>Add a webhook</h2>
      <form method="post" action="/admin/webhooks">
        <input type="hidden" name="_csrf" value={frame.csrf} />
        <input type="hidden" name="op" value="add" />
        <p>
          <label for="url">URL</label>
          <input
            id="url"
            name="url"
            type="url"
            required
            maxlength={2000}
            value={props.values.url}
          />
        </p>
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label>
              <input
                type="checkbox"
                name="events"
                value={e}
                checked={props.values.events.includes(e)}
              />{' '}
              {e}
            </label>
          ))}
        </fieldset>
        <p>
          <label for="description">Description</label>
          <input
            id="description"
            name="description"
            maxlength={200}
            value={props.values.description}
          />
        </p>
        <button type="submit">Add</button>
      </form>
      <p>
        <a href="/admin/webhooks/deliveries">All recent deliveries</a>
      </p>
    </AdminLayout>
  );
}

export function DeliveriesPage(props: {
  frame: AdminFrame;
  hook: Webhook | null;
  deliveries: readonly WebhookDelivery[];
  error?: string;
}) {
  const { frame } = props;
  return (
    <AdminLayout
      frame={frame}
      title={props.hook ? `Deliveries to ${props.hook.url}` : 'Deliveries'}
    >
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <p>
        <a href="/admin/webhooks">Back to webhooks</a>
      </p>
      <table class="deliveries">
        <thead>
          <tr>
            <th scope="col">Delivery</th>
            <th scope="col">When</th>
            <th scope="col">Hook</th>
            <th scope="col">Event</th>
            <th scope="col">Result</th>
            <th scope="col">Attempts</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Error</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {props.deliveries.map((d) => (
            <tr>
              <td>
                {d.id} <code>{d.deliveryId}</code>
              </td>
              <td>{when(d.createdAt)}</td>
              <td>{d.hookId}</td>
              <td>{d.event}</td>
              <td>{d.state}</td>
              <td>{d.attempts}</td>
              <td>{d.httpStatus ?? ''}</td>
              <td>{d.durationMs === null ? '' : `${d.durationMs} ms`}</td>
              <td>{d.lastError ?? ''}</td>
              <td>
                <form method="post" action="/admin/webhooks" class="inline">
                  <input type="hidden" name="_csrf" value={frame.csrf} />
                  <input type="hidden" name="delivery" value={String(d.id)} />
                  <button type="submit" name="op" value="redeliver">
                    Send again
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.deliveries.length === 0 ? <p>No deliveries.</p> : null}
    </AdminLayout>
  );
}

/** What the admin app lends these handlers: its deps, page writer, frame and form readers. */
export interface WebhookAdminKit<C extends Context> {
  readonly app: AppDeps;
  readonly page: (c: C, view: JSX.Element, status?: number) => Promise<Response>;
  readonly frame: (c: C) => AdminFrame;
  readonly field: (c: C, name: string) => string;
  readonly fields: (c: C, name: string) => string[];
  readonly user: (c: C) => Author;
}

export function webhookAdminHandlers<C extends Context>(kit: WebhookAdminKit<C>) {
  const d = kit.app;
  const listPage = async (
    c: C,
    extra: { values?: FormValues; notice?: string; error?: Failure; secret?: string } = {},
  ) => {
    const { error, ...rest } = extra;
    return kit.page(
      c,
      <WebhooksPage
        frame={kit.frame(c)}
        hooks={await listWebhooks(d)}
        values={extra.values ?? EMPTY}
        {...(rest.notice ? { notice: rest.notice } : {})}
        {...(rest.secret ? { secret: rest.secret } : {})}
        {...(error ? { error: error.message } : {})}
      />,
      error ? statusFor(error.code) : 200,
    );
  };
  const idOf = (value: string): number | null =>
    /^\d{1,12}$/.test(value) && Number(value) > 0 ? Number(value) : null;

  return {
    'GET /webhooks': async (c: C) => {
      const done = c.req.query('done');
      const notices: Record<string, string> = {
        removed: 'Webhook removed.',
        enabled: 'Webhook enabled.',
        queued: 'Delivery queued.',
      };
      const notice = done ? notices[done] : undefined;
      return listPage(c, notice ? { notice } : {});
    },
    'POST /webhooks': async (c: C) => {
      const op = kit.field(c, 'op');
      const actor = kit.user(c);
      if (op === '') return c.redirect('/admin/webhooks', 303);
      if (op === 'add') {
        const values: FormValues = {
          url: kit.field(c, 'url').slice(0, 4000),
          events: kit
            .fields(c, 'events')
            .slice(0, 50)
            .map((e) => e.slice(0, 60)),
          description: kit.field(c, 'description').slice(0, 400),
        };
        const made = await addWebhook(d, values, actor);
        if (!made.ok) return listPage(c, { values, error: made.error });
        return listPage(c, {
          notice: `Webhook ${made.value.id} added.`,
          secret: made.value.secret,
        });
      }
      if (op === 'remove' || op === 'enable') {
        const id = idOf(kit.field(c, 'id'));
        if (id === null)
          return listPage(c, { error: { code: 'invalid_input', message: 'Unknown webhook.' } });
        const r =
          op === 'remove' ? await removeWebhook(d, id, actor) : await enableWebhook(d, id, actor);
        if (!r.ok) return listPage(c, { error: r.error });
        return c.redirect(`/admin/webhooks?done=${op === 'remove' ? 'removed' : 'enabled'}`, 303);
      }
      if (op === 'redeliver') {
        const r = await redeliver(d, kit.field(c, 'delivery').slice(0, 60), actor);
        if (!r.ok) return listPage(c, { error: r.error });
        return c.redirect('/admin/webhooks?done=queued', 303);
      }
      return listPage(c, { error: { code: 'invalid_input', message: 'Unknown action.' } });
    },
    'GET /webhooks/deliveries': async (c: C) => {
      const raw = c.req.query('hook');
      const id = raw === undefined || raw === '' ? undefined : idOf(raw);
      if (id === null) {
        return kit.page(
          c,
          <DeliveriesPage
            frame={kit.frame(c)}
            hook={null}
            deliveries={[]}
            error="Unknown webhook."
          />,
          statusFor('invalid_input'),
        );
      }
      const r = await listDeliveries(d, {
        ...(id === undefined ? {} : { hookId: id }),
        limit: 200,
      });
      if (!r.ok) {
        return kit.page(
          c,
          <DeliveriesPage
            frame={kit.frame(c)}
            hook={null}
            deliveries={[]}
            error={r.error.message}
          />,
          statusFor(r.error.code),
        );
      }
      const hook = id === undefined ? null : ((await d.repos.webhooks.findById(id)) ?? null);
      return kit.page(c, <DeliveriesPage frame={kit.frame(c)} hook={hook} deliveries={r.value} />);
    },
  };
}
