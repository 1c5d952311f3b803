import type { CommentNode, DiscussionItem } from '../../domain/discussion-item.js';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { DiscussionModel } from '../../app/site/view-models.js';
import { formatDateTime, plural } from './format.js';

function AuthorCard({ item }: { item: DiscussionItem }) {
  return item.authorUrl ? (
    <a class="p-author h-card u-url p-name" href={item.authorUrl} rel="nofollow ugc">
      {item.authorName}
    </a>
  ) : (
    <span class="p-author h-card p-name">{item.authorName}</span>
  );
}

interface ThreadProps {
  readonly nodes: readonly CommentNode[];
  readonly timezone: string;
  /** Where a "Reply" link for an item goes; absent when comments are closed. */
  readonly replyHref?: ((id: number) => string) | undefined;
}

function CommentThread({ nodes, timezone, replyHref }: ThreadProps) {
  return (
    <>
      {nodes.map(({ item, children }) => (
        <li class="comment p-comment h-entry" id={`comment-${item.id}`}>
          <header>
            <AuthorCard item={item} /> ·{' '}
            <a class="u-url" href={`#comment-${item.id}`}>
              <time class="dt-published" datetime={item.createdAt.toISOString()}>
                {formatDateTime(item.createdAt, timezone)}
              </time>
            </a>
          </header>
          <div class="content e-content">{raw(item.contentHtml)}</div>
          {replyHref ? (
            <p class="meta reply">
              <a href={replyHref(item.id)} rel="nofollow">
                Reply to {item.authorName}
              </a>
            </p>
          ) : null}
          {children.length > 0 ? (
            <ol>
              <CommentThread nodes={children} timezone={timezone} replyHref={replyHref} />
            </ol>
          ) : null}
        </li>
      ))}
    </>
  );
}

const REACTION_LABEL: Record<string, string> = {
  like: 'Liked by',
  repost: 'Reposted by',
  bookmark: 'Bookmarked by',
  rsvp: 'RSVPs from',
};

function Reactions({ items }: { items: readonly DiscussionItem[] }) {
  const groups = new Map<string, DiscussionItem[]>();
  for (const i of items) groups.set(i.type, [...(groups.get(i.type) ?? []), i]);
  return (
    <>
      {[...groups].map(([type, list]) => (
        <div class="reactions">
          <h4 class="meta">{REACTION_LABEL[type] ?? type}</h4>
          <ul class="facepile">
            {list.map((i) => (
              <li class={`h-cite p-${type}`}>
                <AuthorCard item={i} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function Mention({ item, timezone }: { item: DiscussionItem; timezone: string }) {
  const label =
    item.type === 'pingback' ? 'Pingback' : item.type === 'trackback' ? 'Trackback' : 'Mention';
  return (
    <li class="h-cite p-mention" id={`mention-${item.id}`}>
      <span class="meta">{label} · </span>
      <a class="u-url p-name" href={item.sourceUrl ?? '#'} rel="nofollow ugc">
        {item.title || item.sourceUrl}
      </a>
      {item.authorName && item.authorName !== item.title ? (
        <span class="meta">
          {' '}
          by <AuthorCard item={item} />
        </span>
      ) : null}
      <span class="meta">
        {' '}
        ·{' '}
        <time datetime={item.createdAt.toISOString()}>
          {formatDateTime(item.createdAt, timezone)}
        </time>
      </span>
      {item.contentHtml ? <div class="p-content">{raw(item.contentHtml)}</div> : null}
    </li>
  );
}

function Reply({ item, timezone }: { item: DiscussionItem; timezone: string }) {
  return (
    <li class="comment p-comment h-cite" id={`mention-${item.id}`}>
      <header>
        <AuthorCard item={item} /> replied on{' '}
        <a class="u-url" href={item.sourceUrl ?? '#'} rel="nofollow ugc">
          <time class="dt-published" datetime={item.createdAt.toISOString()}>
            {formatDateTime(item.createdAt, timezone)}
          </time>
        </a>
      </header>
      <div class="content p-content">{raw(item.contentHtml)}</div>
    </li>
  );
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
}: {
  model: DiscussionModel;
  timezone: string;
  extras?: DiscussionExtras;
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
            <CommentThread nodes={model.comments} timezone={timezone} replyHref={replyHref} />
          </ol>
          <CommentPages page={page} pageCount={model.commentPageCount ?? 1} />
        </>
      ) : null}
      {extras.commentForm ?? null}
      {model.linkbacks.length > 0 ? (
        <section class="linkbacks" aria-labelledby="mentions-title">
          <h3 id="mentions-title">Mentions elsewhere</h3>
          {replies.length > 0 ? (
            <ol class="comments">
              {replies.map((r) => (
                <Reply item={r} timezone={timezone} />
              ))}
            </ol>
          ) : null}
          <Reactions items={reactions} />
          {mentions.length > 0 ? (
            <ul class="mentions">
              {mentions.map((m) => (
                <Mention item={m} timezone={timezone} />
              ))}
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
