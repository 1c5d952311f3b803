/**
 * The moderation screen's answer form: a moderator answers an approved item in its article's
 * thread (replyAsStaff). The form is outside the queue's own form (forms cannot nest); the
 * textarea and button in the item's row join it by the `form` attribute. An answer to a fediverse
 * reply is sent back to its author by the subscribers the admin is given.
 */
import type { Context } from 'hono';
import type { AppDeps } from '../../../app/deps.js';
import { replyAsStaff } from '../../../app/discussion/staff-reply.js';
import type { StaffReplySubscriber } from '../../../app/fediverse/events.js';
import type { Author } from '../../../domain/article.js';
import type { DiscussionItem } from '../../../domain/discussion-item.js';
import { statusFor } from '../../errors.js';

const formId = (i: DiscussionItem) => `reply-${i.id}`;

/** In the item's row: the answer's text and its button (both belong to the form below). */
export function StaffReplyFields(props: { item: DiscussionItem }) {
  const id = formId(props.item);
  return (
    <details class="staff-reply">
      <summary>Reply</summary>
      <label for={`${id}-body`}>Your reply (shown under your name)</label>
      <textarea id={`${id}-body`} name="body" form={id} rows={3} required maxlength={10000} />
      <button type="submit" form={id}>
        Post reply
      </button>
    </details>
  );
}

/** The forms the rows' answer fields post with: one per approved item, after the queue's form. */
export function StaffReplyForms(props: {
  items: readonly DiscussionItem[];
  csrf: string;
  status: string;
  kind: string;
}) {
  return (
    <>
      {props.items
        .filter((i) => i.status === 'approved')
        .map((i) => (
          <form id={formId(i)} method="post" action="/admin/moderation/reply" hidden>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="item" value={String(i.id)} />
            <input type="hidden" name="status" value={props.status} />
            <input type="hidden" name="kind" value={props.kind} />
          </form>
        ))}
    </>
  );
}

export function staffReplyHandlers<C extends Context>(kit: {
  readonly app: AppDeps;
  readonly subscribers: readonly StaffReplySubscriber[];
  readonly field: (c: C, name: string) => string;
  readonly user: (c: C) => Author;
  readonly problem: (c: C, message: string, status: number) => Promise<Response>;
}) {
  return {
    'POST /moderation/reply': async (c: C) => {
      const item = kit.field(c, 'item');
      if (!/^[1-9]\d{0,11}$/.test(item)) {
        return kit.problem(c, 'Name the item to reply to.', statusFor('invalid_input'));
      }
      const r = await replyAsStaff(
        { app: kit.app, subscribers: kit.subscribers },
        { userId: kit.user(c).id, parentItemId: Number(item), text: kit.field(c, 'body') },
      );
      if (!r.ok) return kit.problem(c, r.error.message, statusFor(r.error.code));
      const back = new URLSearchParams({
        status: kit.field(c, 'status') || 'approved',
        kind: kit.field(c, 'kind') || 'all',
        replied: String(r.value.id),
      });
      return c.redirect(`/admin/moderation?${back}#item-${item}`, 303);
    },
  };
}
