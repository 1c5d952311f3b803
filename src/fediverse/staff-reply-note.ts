import type { Context } from '@fedify/fedify';
import {
  Create,
  Delete,
  Mention,
  Note,
  PUBLIC_COLLECTION,
  Tombstone,
  Update,
  isActor,
  type Actor,
} from '@fedify/vocab';
import type { StaffReplyAddress, StaffReplyView } from '../app/fediverse/staff-reply-source.js';
import { instantAt } from './instant.js';

/** The site actor's identifier (federation.ts re-exports it as SITE_ACTOR). */
const SITE = 'site';

/** The path of our staff answers' JSON-only object ids. */
export const REPLY_OBJECT_PATH = '/ap/replies/{id}';

const attr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `@user` of `@user@host`, for the mention link's text (Mastodon's own form). */
const shortHandle = (handle: string) => /^@[^@]+/.exec(handle)?.[0] ?? handle;

/**
 * Our answer as a Note: addressed to the actor it answers (and, in `cc`, public and the speaking
 * actor's followers, as Mastodon addresses an unlisted reply), mentioning them in a tag and at the
 * head of the content (so their server notifies them), `inReplyTo` their object, `url` the answer
 * on our page.
 */
export function staffReplyNote(ctx: Context<void>, r: StaffReplyView): Note {
  const speaker = r.authorActor ?? SITE;
  const mention =
    `<p><span class="h-card"><a href="${attr(r.remoteProfileUrl)}" class="u-url mention">` +
    `${attr(shortHandle(r.remoteHandle))}</a></span></p>`;
  return new Note({
    id: ctx.getObjectUri(Note, { id: String(r.itemId) }),
    attribution: ctx.getActorUri(speaker),
    content: `${mention}${r.contentHtml}`,
    replyTarget: new URL(r.inReplyTo),
    url: new URL(r.url),
    published: instantAt(r.publishedAt.getTime()),
    to: new URL(r.remoteActorId),
    ccs: [PUBLIC_COLLECTION, ctx.getFollowersUri(speaker)],
    tags: [new Mention({ href: new URL(r.remoteActorId), name: r.remoteHandle })],
  });
}

/** The actor an answer goes to, looked up through the guarded loader for its inbox. */
async function recipientOf(ctx: Context<void>, r: StaffReplyAddress): Promise<Actor> {
  const actor = await ctx.lookupObject(r.remoteActorId);
  if (!isActor(actor) || actor.id === null || actor.inboxId === null) {
    throw new Error(`fediverse: ${r.remoteActorId} is not an actor with an inbox`);
  }
  return actor;
}

/**
 * Sends the answer's Create(Note) to the actor it answers, through the queue (a delivery job
 * signed by the speaking actor). The remote actor is looked up through the guarded loader for
 * its inbox. Null reply: nothing to send (not a federated answer, or no longer public).
 */
export async function sendStaffReply(ctx: Context<void>, r: StaffReplyView | null): Promise<void> {
  if (r === null) return;
  const actor = await recipientOf(ctx, r);
  const note = staffReplyNote(ctx, r);
  const speaker = r.authorActor ?? SITE;
  await ctx.sendActivity(
    { identifier: speaker },
    actor,
    new Create({
      // One id per showing: a retried job sends the same one again, an answer shown again after
      // it was withdrawn a new one (inboxes drop an activity id they have seen).
      id: new URL(`${note.id?.href ?? ''}#create-${r.updatedAt.getTime()}`),
      actor: ctx.getActorUri(speaker),
      object: note,
      tos: note.toIds,
      ccs: note.ccIds,
      published: note.published,
    }),
  );
}

/**
 * Sends an edited answer again as Update(Note) to the actor it answers, the Note carrying
 * `updated` (Mastodon applies an edit only when it is newer than the one it has). The activity id
 * is unique per edit. Null reply: nothing to send (no longer public: a Delete follows it).
 */
export async function sendStaffReplyUpdate(
  ctx: Context<void>,
  r: StaffReplyView | null,
): Promise<void> {
  if (r === null) return;
  const actor = await recipientOf(ctx, r);
  const note = staffReplyNote(ctx, r).clone({ updated: instantAt(r.updatedAt.getTime()) });
  const speaker = r.authorActor ?? SITE;
  await ctx.sendActivity(
    { identifier: speaker },
    actor,
    new Update({
      id: new URL(`${note.id?.href ?? ''}#update-${r.updatedAt.getTime()}`),
      actor: ctx.getActorUri(speaker),
      object: note,
      tos: note.toIds,
      ccs: note.ccIds,
      updated: note.updated,
    }),
  );
}

/**
 * Sends Delete of the answer (a Tombstone of its object id) to the actor it answered, addressed
 * as the Note was. `at` makes the activity id unique (an answer may be withdrawn, shown and
 * withdrawn again). Null: nothing to delete (not a staff answer, or public again).
 */
export async function sendStaffReplyDelete(
  ctx: Context<void>,
  r: StaffReplyAddress | null,
  at: Date,
): Promise<void> {
  if (r === null) return;
  const actor = await recipientOf(ctx, r);
  const speaker = r.authorActor ?? SITE;
  const id = ctx.getObjectUri(Note, { id: String(r.itemId) });
  await ctx.sendActivity(
    { identifier: speaker },
    actor,
    new Delete({
      id: new URL(`${id.href}#delete-${at.getTime()}`),
      actor: ctx.getActorUri(speaker),
      object: new Tombstone({ id }),
      to: new URL(r.remoteActorId),
      ccs: [PUBLIC_COLLECTION, ctx.getFollowersUri(speaker)],
    }),
  );
}
