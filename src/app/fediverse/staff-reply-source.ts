/**
 * A staff member's answer as federation sends and serves it (`/ap/replies/ID`): only an item that
 * replyAsStaff wrote (its moderation history says `staff reply` by `user:N`), still public, whose
 * parent is a fediverse reply, on a live article. Anything else is null, so its object id answers
 * 404 and a queued send is dropped: a visitor's comment is never federated, and neither is an
 * answer trashed before the worker ran.
 */
import { isPublic } from '../../domain/discussion-item.js';
import type { AppDeps } from '../deps.js';
import { targetById } from '../discussion/target.js';
import { authorActorSlugs } from './author-actors.js';

export interface StaffReplyView {
  readonly itemId: number;
  readonly articleId: number;
  /** Our sanitised HTML, as the page shows it. */
  readonly contentHtml: string;
  /** Where it shows on our site (`<article URL>#comment-ID`). */
  readonly url: string;
  readonly publishedAt: Date;
  /** The fediverse item answered: its object id, its actor, handle and profile page. */
  readonly inReplyTo: string;
  readonly remoteActorId: string;
  readonly remoteHandle: string;
  readonly remoteProfileUrl: string;
  /** The staff member's author actor when they opted in to one; null: the site actor speaks. */
  readonly authorActor: string | null;
}

/** Written by replyAsStaff (src/app/discussion/staff-reply.ts): `user:N`, reason `staff reply`. */
const STAFF_REPLY_REASON = 'staff reply';

export async function federatedStaffReply(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>,
  itemId: number,
): Promise<StaffReplyView | null> {
  const { repos } = deps;
  const item = await repos.discussion.findById(itemId);
  if (!item || item.kind !== 'comment' || !isPublic(item) || item.parentId === null) return null;
  const parent = await repos.discussion.findById(item.parentId);
  if (!parent || parent.kind !== 'fediverse' || !parent.fediverse) return null;
  if (parent.status === 'deleted') return null;
  const history = await repos.discussion.moderationHistory(item.id);
  const staff = history.find((e) => e.reason === STAFF_REPLY_REASON && /^user:\d+$/.test(e.actor));
  if (!staff) return null;
  const target = await targetById(deps, item.articleId);
  if (!target) return null;
  const user = await repos.users.findById(Number(staff.actor.slice(5)));
  const slugs = await authorActorSlugs(repos);
  return {
    itemId: item.id,
    articleId: item.articleId,
    contentHtml: item.contentHtml,
    url: `${target.url}#comment-${item.id}`,
    publishedAt: item.publishedAt ?? item.createdAt,
    inReplyTo: parent.fediverse.objectId,
    remoteActorId: parent.fediverse.actorId,
    remoteHandle: parent.fediverse.handle,
    remoteProfileUrl: parent.authorUrl ?? parent.fediverse.actorId,
    authorActor: user && slugs.includes(user.slug) ? user.slug : null,
  };
}
