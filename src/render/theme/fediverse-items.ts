/**
 * How fediverse replies and reactions look under an article: a reply's `<li>` carries the actor
 * card (avatar, name, `@handle` linking to the profile) and a link to the original post; Likes
 * and Announces are counts and a row of faces. Every value but the sanitised content is escaped.
 */
import type { StoredReaction } from '../../app/fediverse/ports.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import { escapeHtml } from './escape.js';
import { formatDateTime } from './format.js';
import { plural } from './format.js';

const avatar = (src: string | null, alt: string): string =>
  src
    ? `<img class="avatar u-photo" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" width="32" height="32" loading="lazy" decoding="async" referrerpolicy="no-referrer">`
    : '';

/** A fediverse reply's `<li>` up to its content; the thread adds the reply link, replies and `</li>`. */
export function fediverseItemHtml(item: DiscussionItem, timezone: string): string {
  const handle = item.fediverse?.handle ?? '';
  const profile = item.authorUrl ?? item.fediverse?.actorId ?? '#';
  const original = item.sourceUrl ?? item.fediverse?.objectId ?? '#';
  const at = item.publishedAt ?? item.createdAt;
  return `<li class="comment fediverse-reply p-comment h-cite" id="comment-${item.id}"><header class="fediverse-card">${avatar(item.authorPhoto, item.authorName)}<a class="p-author h-card u-url" href="${escapeHtml(profile)}" rel="nofollow ugc"><span class="p-name">${escapeHtml(item.authorName)}</span> <span class="handle">${escapeHtml(handle)}</span></a> · <a class="u-url original" href="${escapeHtml(original)}" rel="nofollow ugc">replied on the fediverse, <time class="dt-published" datetime="${at.toISOString()}">${escapeHtml(formatDateTime(at, timezone))}</time></a></header><div class="content e-content">${item.contentHtml}</div>`;
}

const REACTION_WORDS = {
  like: ['like', 'likes', 'Liked on the fediverse by'],
  announce: ['boost', 'boosts', 'Boosted on the fediverse by'],
} as const;

/** The counts and faces of an article's fediverse reactions; empty when there are none. */
export function fediverseReactionsHtml(reactions: readonly StoredReaction[] | undefined): string {
  if (!reactions || reactions.length === 0) return '';
  let out = '<section class="fediverse-reactions" aria-label="Fediverse reactions">';
  for (const kind of ['like', 'announce'] as const) {
    const list = reactions.filter((r) => r.kind === kind);
    if (list.length === 0) continue;
    const [one, many, label] = REACTION_WORDS[kind];
    out += `<div class="reactions fediverse-${kind}s"><h4 class="meta">${label} · ${escapeHtml(plural(list.length, one, many))}</h4><ul class="facepile">`;
    for (const r of list) {
      const name = r.actor.name ?? r.actor.handle;
      const face = r.actor.iconUrl
        ? avatar(r.actor.iconUrl, name)
        : `<span class="avatar">${escapeHtml(name)}</span>`;
      out += `<li><a href="${escapeHtml(r.actor.profileUrl)}" rel="nofollow ugc" title="${escapeHtml(`${name} ${r.actor.handle}`)}">${face}</a></li>`;
    }
    out += '</ul></div>';
  }
  return `${out}</section>`;
}
