import type { CommentNode, DiscussionItem } from '../../domain/discussion-item.js';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { DiscussionModel } from '../../app/site/view-models.js';
import { escapeHtml } from './escape.js';
import { fediverseItemHtml, fediverseReactionsHtml } from './fediverse-items.js';
import { plural } from './format.js';
import { unmemoisedFragments, type ItemFragments } from './item-fragments.js';

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

function CommentPages({ page, pageCount }: { page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const href = (p: number) => `?cpage=${p}#comments`;
  return (
    <nav class="pagination comment-pages" aria-label="Comment pages">
      <span>{page > 1 ? <a href={href(page - 1)}>← Previous comments</a> : null}</span>
      <span class="meta">
        Comment page {page} of {pageCount}
      </span>
      <span>{page < pageCount ? <a href={href(page + 1)}>Next comments →</a> : null}</span>
    </nav>
  );
}

/** What other features add to the discussion section: the comment form, the ping URL. */
export interface DiscussionExtras {
  /** The comment form (or a notice), rendered by the comments feature when comments are open. */
  readonly commentForm?: Child;
  /** Where TrackBack pings go, shown to humans when linkbacks are open. */
  readonly trackbackUrl?: string;
}

export function Discussion({
  model,
  timezone,
  extras = {},
  fragments = unmemoisedFragments,
}: {
  model: DiscussionModel;
  timezone: string;
  extras?: DiscussionExtras;
  /** Where items' markup is kept between renders (see item-fragments.ts). */
  fragments?: ItemFragments;
}) {
  const replies = model.linkbacks.filter((l) => l.type === 'reply');
  const reactions = model.linkbacks.filter((l) =>
    ['like', 'repost', 'bookmark', 'rsvp'].includes(l.type),
  );
  const mentions = model.linkbacks.filter((l) =>
    ['mention', 'pingback', 'trackback'].includes(l.type),
  );
  const page = model.commentPage ?? 1;
  const replyHref = model.state.comments.open
    ? (id: number) => `?cpage=${page}&replyto=${id}#respond`
    : undefined;
  return (
    <section class="discussion" id="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title">Discussion</h2>
      <p class="meta">
        {plural(model.commentCount, 'comment', 'comments')} ·{' '}
        {plural(model.linkbacks.length, 'mention', 'mentions')}
      </p>
      <p class="discussion-status">{model.state.sentence}</p>
      {model.comments.length > 0 ? (
        <>
          <h3 id="comments">Comments</h3>
          <ol class="comments">
            {raw(commentThreadHtml({ nodes: model.comments, timezone, replyHref, fragments }))}
          </ol>
          <CommentPages page={page} pageCount={model.commentPageCount ?? 1} />
        </>
      ) : null}
      {raw(fediverseReactionsHtml(model.fediverseReactions))}
      {extras.commentForm ?? null}
      {model.linkbacks.length > 0 ? (
        <section class="linkbacks" aria-labelledby="mentions-title">
          <h3 id="mentions-title">Mentions elsewhere</h3>
          {replies.length > 0 ? (
            <ol class="comments">
              {raw(replies.map((r) => fragments.get('reply', r, timezone)).join(''))}
            </ol>
          ) : null}
          {raw(reactionsHtml(reactions, fragments))}
          {mentions.length > 0 ? (
            <ul class="mentions">
              {raw(mentions.map((m) => fragments.get('mention', m, timezone)).join(''))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {model.state.linkbacks.open && extras.trackbackUrl ? (
        <p class="meta">
          TrackBack URL for this article: <code>{extras.trackbackUrl}</code>
        </p>
      ) : null}
    </section>
  );
}
