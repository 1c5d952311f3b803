/**
 * A staff member's answer as federation sends and serves it (`/ap/replies/ID`): only an item that
 * replyAsStaff wrote (its moderation history says `staff reply` by `user:N`), whose parent is a
 * fediverse reply. Served and sent (Create, Update) only while it is public on a live article;
 * anything else is null, so its object id answers 404 and a queued send is dropped: a visitor's
 * comment is never federated, and neither is an answer trashed before the worker ran. A Delete
 * needs only who it went to (`withdrawnStaffReply`), whatever became of the answer since.
 */
import { isPublic, type DiscussionItem } from '../../domain/discussion-item.js';
import type { AppDeps } from '../deps.js';
import type { Repositories } from '../ports.js';
import { targetById } from '../discussion/target.js';
import { authorActorSlugs } from './author-actors.js';

/** Who an answer went to and who spoke it: all a Delete of it needs. */
export interface StaffReplyAddress {
  readonly itemId: number;
  /** The fediverse item answered: its object id, its actor, handle and profile page. */
  readonly inReplyTo: string;
  readonly remoteActorId: string;
  readonly remoteHandle: string;
  readonly remoteProfileUrl: string;
  /** The staff member's author actor when they opted in to one; null: the site actor speaks. */
  readonly authorActor: string | null;
}

export interface StaffReplyView extends StaffReplyAddress {
  readonly articleId: number;
  /** Our sanitised HTML, as the page shows it. */
  readonly contentHtml: string;
  /** Where it shows on our site (`<article URL>#comment-ID`). */
  readonly url: string;
  readonly publishedAt: Date;
  /** The last change of the answer (its text or its status). */
  readonly updatedAt: Date;
}

/** Written by replyAsStaff (src/app/discussion/staff-reply.ts): `user:N`, reason `staff reply`. */
const STAFF_REPLY_REASON = 'staff reply';

/** The staff user (id) who wrote an answer, or null when the item is not a staff answer. */
export async function staffAuthorOf(
  repos: Pick<Repositories, 'discussion'>,
  item: Pick<DiscussionItem, 'id' | 'kind' | 'parentId'>,
): Promise<number | null> {
  if (item.kind !== 'comment' || item.parentId === null) return null;
  const history = await repos.discussion.moderationHistory(item.id);
  const staff = history.find((e) => e.reason === STAFF_REPLY_REASON && /^user:\d+$/.test(e.actor));
  return staff ? Number(staff.actor.slice(5)) : null;
}

/**
 * Whether an item is a staff answer to a fediverse reply (what the discussion-event subscriber
 * asks before queueing a job: an ordinary comment's events queue nothing).
 */
export async function isStaffReplyToFediverse(
  repos: Pick<Repositories, 'discussion'>,
  item: Pick<DiscussionItem, 'id' | 'kind' | 'parentId'>,
): Promise<boolean> {
  if (item.kind !== 'comment' || item.parentId === null) return false;
  const parent = await repos.discussion.findById(item.parentId);
  if (!parent || parent.kind !== 'fediverse' || !parent.fediverse) return false;
  return (await staffAuthorOf(repos, item)) !== null;
}

async function staffReplyOf(
  repos: Repositories,
  itemId: number,
): Promise<{ item: DiscussionItem; parent: DiscussionItem; address: StaffReplyAddress } | null> {
  const item = await repos.discussion.findById(itemId);
  if (!item || item.kind !== 'comment' || item.parentId === null) return null;
  const parent = await repos.discussion.findById(item.parentId);
  if (!parent || parent.kind !== 'fediverse' || !parent.fediverse) return null;
  const userId = await staffAuthorOf(repos, item);
  if (userId === null) return null;
  const user = await repos.users.findById(userId);
  const slugs = await authorActorSlugs(repos);
  return {
    item,
    parent,
    address: {
      itemId: item.id,
      inReplyTo: parent.fediverse.objectId,
      remoteActorId: parent.fediverse.actorId,
      remoteHandle: parent.fediverse.handle,
      remoteProfileUrl: parent.authorUrl ?? parent.fediverse.actorId,
      authorActor: user && slugs.includes(user.slug) ? user.slug : null,
    },
  };
}

export async function federatedStaffReply(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>,
  itemId: number,
): Promise<StaffReplyView | null> {
  const found = await staffReplyOf(deps.repos, itemId);
  if (found === null || !isPublic(found.item) || found.parent.status === 'deleted') return null;
  const target = await targetById(deps, found.item.articleId);
  if (!target) return null;
  const { item, address } = found;
  return {
    ...address,
    articleId: item.articleId,
    contentHtml: item.contentHtml,
    url: `${target.url}#comment-${item.id}`,
    publishedAt: item.publishedAt ?? item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/**
 * A staff answer to a fediverse reply that is no longer shown (moved to pending, spam or trash),
 * as a Delete addresses it; null when it is not a staff answer, or when it is public again (it
 * was approved again before the worker ran: then there is nothing to delete).
 */
export async function withdrawnStaffReply(
  deps: Pick<AppDeps, 'repos'>,
  itemId: number,
): Promise<StaffReplyAddress | null> {
  const found = await staffReplyOf(deps.repos, itemId);
  if (found === null || isPublic(found.item)) return null;
  return found.address;
}
