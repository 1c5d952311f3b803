/**
 * /admin/fediverse: the blocked instances and actors, with a form to add one and a button to
 * remove each. Every post calls the same use cases as `newsdesk fediverse block|unblock`
 * (app/fediverse/blocks.ts), then 303 back, or the page again with the message and what was typed.
 */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppDeps } from '../../../app/deps.js';
import {
  blockFediverse,
  listFediverseBlocks,
  unblockFediverse,
  type FediverseBlocks,
} from '../../../app/fediverse/blocks.js';
import type { Author } from '../../../domain/article.js';
import { statusFor } from '../../errors.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';

const NOTICES: Readonly<Record<string, string>> = {
  blocked: 'Blocked. What they had left here is hidden.',
  unblocked: 'Unblocked. New activities are let in again.',
  unchanged: 'Nothing changed: the list already said so.',
};

function BlockList(props: { frame: AdminFrame; title: string; entries: readonly string[] }) {
  return (
    <section>
      <h2>{props.title}</h2>
      {props.entries.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="blocklist">
          {props.entries.map((e) => (
            <li>
              <code>{e}</code>{' '}
              <form method="post" action="/admin/fediverse" class="inline">
                <input type="hidden" name="_csrf" value={props.frame.csrf} />
                <input type="hidden" name="op" value="unblock" />
                <input type="hidden" name="value" value={e} />
                <button type="submit">Unblock</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FediverseBlocksPage(props: {
  frame: AdminFrame;
  blocks: FediverseBlocks;
  notice?: string;
  error?: string;
  value?: string;
}) {
  return (
    <AdminLayout frame={props.frame} title="Fediverse blocklists">
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
      <form method="post" action="/admin/fediverse" class="admin-form">
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        <input type="hidden" name="op" value="block" />
        <p>
          <label for="block-value">
            Block an instance (social.example) or an actor (its id URL)
          </label>
          <input
            id="block-value"
            name="value"
            required
            maxlength={2000}
            value={props.value ?? ''}
          />
        </p>
        <p>
          <button type="submit">Block</button>
        </p>
      </form>
      <BlockList frame={props.frame} title="Blocked instances" entries={props.blocks.instances} />
      <BlockList frame={props.frame} title="Blocked actors" entries={props.blocks.actors} />
    </AdminLayout>
  );
}

export function fediverseBlocksHandlers<C extends Context>(kit: {
  readonly app: Pick<AppDeps, 'repos' | 'uow' | 'clock'>;
  readonly frame: (c: C) => AdminFrame;
  readonly page: (c: C, view: JSX.Element, status?: number) => Promise<Response>;
  readonly field: (c: C, name: string) => string;
  readonly user: (c: C) => Author;
}) {
  const show = async (
    c: C,
    extra: { notice?: string; error?: string; value?: string },
    status = 200,
  ) =>
    kit.page(
      c,
      <FediverseBlocksPage
        frame={kit.frame(c)}
        blocks={await listFediverseBlocks(kit.app)}
        {...extra}
      />,
      status,
    );
  return {
    'GET /fediverse': (c: C) => {
      const notice = NOTICES[c.req.query('done') ?? ''];
      return show(c, notice ? { notice } : {});
    },
    'POST /fediverse': async (c: C) => {
      const op = kit.field(c, 'op');
      const value = kit.field(c, 'value').trim();
      if (op !== 'block' && op !== 'unblock') {
        return show(c, { error: 'Unknown form action.' }, statusFor('invalid_input'));
      }
      const req = { value, actor: `user:${kit.user(c).id}` };
      const r =
        op === 'block' ? await blockFediverse(kit.app, req) : await unblockFediverse(kit.app, req);
      if (!r.ok) {
        return show(
          c,
          { error: r.error.message, value: value.slice(0, 2000) },
          statusFor(r.error.code),
        );
      }
      const done = r.value.changed ? (op === 'block' ? 'blocked' : 'unblocked') : 'unchanged';
      return c.redirect(`/admin/fediverse?done=${done}`, 303);
    },
  };
}
