import type { CommentNode, DiscussionItem } from '../../domain/discussion-item.js';
import type { DiscussionModel } from '../../app/site/view-models.js';
import { escapeHtml } from './escape.js';
import { fediverseItemHtml, fediverseReactionsHtml } from './fediverse-items.js';
import { plural } from './format.js';
import { unmemoisedFragments, type ItemFragments } from './item-fragments.js';
import { keptHtml, type DiscussionParts, type KeptDiscussionHtml } from './kept-discussion-html.js';

interface ThreadProps {
  readonly nodes: readonly CommentNode[];
  readonly timezone: string;
  /** Where a "Reply" link for an item goes; absent when comments are closed. */
  readonly replyHref?: ((id: number) => string) | undefined;
  readonly fragments: ItemFragments;
}

/** The comment thread as markup: each item's own part from `fragments`, the rest per request. */
function commentThreadHtml({ nodes, timezone, replyHref, fragments }: ThreadProps): string {
  let out = '';
  for (const { item, children } of nodes) {
    out +=
      item.kind === 'fediverse'
        ? fediverseItemHtml(item, timezone)
        : fragments.get('comment', item, timezone);
    if (replyHref) {
      out += `<p class="meta reply"><a href="${escapeHtml(replyHref(item.id))}" rel="nofollow">Reply to ${escapeHtml(item.authorName)}</a></p>`;
    }
    if (children.length > 0) {
      out += `<ol>${commentThreadHtml({ nodes: children, timezone, replyHref, fragments })}</ol>`;
    }
    out += '</li>';
  }
  return out;
}

const REACTION_LABEL: Record<string, string> = {
  like: 'Liked by',
  repost: 'Reposted by',
  bookmark: 'Bookmarked by',
  rsvp: 'RSVPs from',
};

function reactionsHtml(items: readonly DiscussionItem[], fragments: ItemFragments): string {
  const groups = new Map<string, DiscussionItem[]>();
  for (const i of items) groups.set(i.type, [...(groups.get(i.type) ?? []), i]);
  let out = '';
  for (const [type, list] of groups) {
    out += `<div class="reactions"><h4 class="meta">${escapeHtml(REACTION_LABEL[type] ?? type)}</h4><ul class="facepile">`;
    for (const i of list) out += fragments.get('reaction', i, '');
    out += '</ul></div>';
  }
  return out;
}

function commentPagesHtml(page: number, pageCount: number): string {
  if (pageCount <= 1) return '';
  const href = (p: number) => `?cpage=${p}#comments`;
  const previous = page > 1 ? `<a href="${href(page - 1)}">← Previous comments</a>` : '';
  const next = page < pageCount ? `<a href="${href(page + 1)}">Next comments →</a>` : '';
  return `<nav class="pagination comment-pages" aria-label="Comment pages"><span>${previous}</span><span class="meta">Comment page ${page} of ${pageCount}</span><span>${next}</span></nav>`;
}

/** What other features add to the discussion section: the comment form, the ping URL. */
export interface DiscussionExtras {
  /** The comment form (or a notice) as markup, from the comments feature when comments are open. */
  readonly commentFormHtml?: string | undefined;
  /** Where TrackBack pings go, shown to humans when linkbacks are open. */
  readonly trackbackUrl?: string | undefined;
}

const REACTION_TYPES = new Set(['like', 'repost', 'bookmark', 'rsvp']);
const MENTION_TYPES = new Set(['mention', 'pingback', 'trackback']);

/**
 * The discussion section up to the fediverse reactions: heading, counts, the thread with its
 * reply links and its pages. It depends only on the model's items, the settings that order and
 * page them, the discussion's state and the zone, so it can be kept while those stay the same.
 */
export function discussionThreadHtml(
  model: DiscussionModel,
  timezone: string,
  fragments: ItemFragments,
): string {
  const page = model.commentPage ?? 1;
  const replyHref = model.state.comments.open
    ? (id: number) => `?cpage=${page}&replyto=${id}#respond`
    : undefined;
  let out =
    `<section class="discussion" id="discussion" aria-labelledby="discussion-title"><h2 id="discussion-title">Discussion</h2>` +
    `<p class="meta">${plural(model.commentCount, 'comment', 'comments')} · ${plural(model.linkbacks.length, 'mention', 'mentions')}</p>` +
    `<p class="discussion-status">${escapeHtml(model.state.sentence)}</p>`;
  if (model.comments.length > 0) {
    out +=
      `<h3 id="comments">Comments</h3><ol class="comments">${commentThreadHtml({ nodes: model.comments, timezone, replyHref, fragments })}</ol>` +
      commentPagesHtml(page, model.commentPageCount ?? 1);
  }
  return out;
}

/** The discussion section after the comment form: mentions elsewhere, the ping URL. */
export function discussionTailHtml(
  model: DiscussionModel,
  timezone: string,
  fragments: ItemFragments,
  trackbackUrl: string | undefined,
): string {
  let out = '';
  if (model.linkbacks.length > 0) {
    const replies = model.linkbacks.filter((l) => l.type === 'reply');
    const reactions = model.linkbacks.filter((l) => REACTION_TYPES.has(l.type));
    const mentions = model.linkbacks.filter((l) => MENTION_TYPES.has(l.type));
    out +=
      '<section class="linkbacks" aria-labelledby="mentions-title"><h3 id="mentions-title">Mentions elsewhere</h3>';
    if (replies.length > 0) {
      out += '<ol class="comments">';
      for (const r of replies) out += fragments.get('reply', r, timezone);
      out += '</ol>';
    }
    out += reactionsHtml(reactions, fragments);
    if (mentions.length > 0) {
      out += '<ul class="mentions">';
      for (const m of mentions) out += fragments.get('mention', m, timezone);
      out += '</ul>';
    }
    out += '</section>';
  }
  if (model.state.linkbacks.open && trackbackUrl) {
    out += `<p class="meta">TrackBack URL for this article: <code>${escapeHtml(trackbackUrl)}</code></p>`;
  }
  return `${out}</section>`;
}

/** The whole discussion section. */
export function discussionHtml(
  model: DiscussionModel,
  timezone: string,
  extras: DiscussionExtras = {},
  fragments: ItemFragments = unmemoisedFragments,
): string {
  return (
    discussionThreadHtml(model, timezone, fragments) +
    fediverseReactionsHtml(model.fediverseReactions) +
    (extras.commentFormHtml ?? '') +
    discussionTailHtml(model, timezone, fragments, extras.trackbackUrl)
  );
}

/** The shown threads' shape (ids and nesting): what the ordering and paging settings decide. */
function threadShape(nodes: readonly CommentNode[]): string {
  let out = '';
  for (const { item, children } of nodes) {
    out += `${item.id}`;
    if (children.length > 0) out += `(${threadShape(children)})`;
    out += ',';
  }
  return out;
}

/**
 * The discussion section's parts that depend only on the discussion (everything but the
 * fediverse reactions and the comment form), from `kept` while the discussion shows the same.
 */
export function discussionParts(
  articleId: number,
  model: DiscussionModel,
  timezone: string,
  fragments: ItemFragments,
  trackbackUrl: string | undefined,
  kept: KeptDiscussionHtml,
): DiscussionParts {
  const build = () => ({
    thread: discussionThreadHtml(model, timezone, fragments),
    tail: discussionTailHtml(model, timezone, fragments, trackbackUrl),
  });
  if (!model.items) {
    const built = build();
    return { thread: keptHtml(built.thread), tail: keptHtml(built.tail) };
  }
  const { state } = model;
  const key = [
    articleId,
    model.commentPage ?? 1,
    model.commentPageCount ?? 1,
    model.commentCount,
    timezone,
    state.comments.open,
    state.linkbacks.open,
    trackbackUrl ?? '',
    state.sentence,
    threadShape(model.comments),
  ].join('|');
  return kept.get(key, model.items, build);
}
