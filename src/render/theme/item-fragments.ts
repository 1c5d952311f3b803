import type { DiscussionItem } from '../../domain/discussion-item.js';
import { boundedMemo } from './bounded-memo.js';
import { escapeHtml } from './escape.js';
import { formatDateTime } from './format.js';

/**
 * The markup of one discussion item, built once and reused while the item shows the same.
 *
 * Items change rarely and are read on every render of their article, so each item's own markup
 * (author, date, content; never the reply link or the thread around it, which depend on the
 * request) is kept in memory. An entry is keyed by the item's id and how it is shown (comment,
 * reply, mention; time zone), and it is used only when every field it was built from is equal to
 * the row just read: a write from any process (a moderator's edit, a re-verified webmention, a
 * raw SQL fix) that changes what the item shows misses the entry, whatever its `updated_at`.
 * The only trusted markup inside is the item's `contentHtml`, which the sanitiser produced; every
 * other value is escaped here.
 */
export interface ItemFragments {
  /** The item's markup as `kind` in `timezone`, from memory when its fields are unchanged. */
  get(kind: FragmentKind, item: DiscussionItem, timezone: string): string;
  /** Entries held and the characters they hold (for the bounds' tests and for operators). */
  stats(): { readonly entries: number; readonly chars: number };
}

export type FragmentKind = 'comment' | 'reply' | 'mention' | 'reaction';

interface Entry {
  readonly fields: readonly unknown[];
  readonly html: string;
}

/** What an item's markup is built from; an entry is reused only while all of these are equal. */
const shownFields = (item: DiscussionItem): unknown[] => [
  item.type,
  item.authorName,
  item.authorUrl,
  item.sourceUrl,
  item.title,
  item.contentHtml,
  item.createdAt.getTime(),
];

const sameFields = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * `maxEntries` and `maxChars` (characters of markup and content held, about bytes for the
 * one-byte strings most pages are) both bound the memo; the least recently used entries go first
 * past either.
 */
export function itemFragments(
  opts: { readonly maxEntries?: number; readonly maxChars?: number } = {},
): ItemFragments {
  const memo = boundedMemo<Entry>({
    maxEntries: opts.maxEntries ?? 20_000,
    maxBytes: opts.maxChars ?? 8 * 1024 * 1024,
  });
  return {
    get(kind, item, timezone) {
      const key = `${kind}|${timezone}|${item.id}`;
      const fields = shownFields(item);
      const found = memo.get(key);
      if (found && sameFields(found.fields, fields)) return found.html;
      const html = RENDER[kind](item, timezone);
      // Characters held: the markup and the content it was built from.
      memo.set(key, { fields, html }, html.length + item.contentHtml.length);
      return html;
    },
    stats: () => {
      const { entries, bytes } = memo.stats();
      return { entries, chars: bytes };
    },
  };
}

/** Builds every time: for callers without a memo (tests, one-off renders). */
export const unmemoisedFragments: ItemFragments = {
  get: (kind, item, timezone) => RENDER[kind](item, timezone),
  stats: () => ({ entries: 0, chars: 0 }),
};

export function authorCardHtml(item: DiscussionItem): string {
  return item.authorUrl
    ? `<a class="p-author h-card u-url p-name" href="${escapeHtml(item.authorUrl)}" rel="nofollow ugc">${escapeHtml(item.authorName)}</a>`
    : `<span class="p-author h-card p-name">${escapeHtml(item.authorName)}</span>`;
}

const timeHtml = (item: DiscussionItem, timezone: string, cls: string): string =>
  `<time${cls}datetime="${item.createdAt.toISOString()}">${escapeHtml(formatDateTime(item.createdAt, timezone))}</time>`;

const MENTION_LABEL: Record<string, string> = { pingback: 'Pingback', trackback: 'Trackback' };

const RENDER: Record<FragmentKind, (item: DiscussionItem, timezone: string) => string> = {
  /** A comment's `<li>` up to its content; the caller adds the reply link, replies and `</li>`. */
  comment: (item, tz) =>
    `<li class="comment p-comment h-entry" id="comment-${item.id}"><header>${authorCardHtml(item)} · <a class="u-url" href="#comment-${item.id}">${timeHtml(item, tz, ' class="dt-published" ')}</a></header><div class="content e-content">${item.contentHtml}</div>`,
  reply: (item, tz) =>
    `<li class="comment p-comment h-cite" id="mention-${item.id}"><header>${authorCardHtml(item)} replied on <a class="u-url" href="${escapeHtml(item.sourceUrl ?? '#')}" rel="nofollow ugc">${timeHtml(item, tz, ' class="dt-published" ')}</a></header><div class="content p-content">${item.contentHtml}</div></li>`,
  mention: (item, tz) => {
    const name = item.title || item.sourceUrl;
    const by =
      item.authorName && item.authorName !== item.title
        ? `<span class="meta"> by ${authorCardHtml(item)}</span>`
        : '';
    return `<li class="h-cite p-mention" id="mention-${item.id}"><span class="meta">${MENTION_LABEL[item.type] ?? 'Mention'} · </span><a class="u-url p-name" href="${escapeHtml(item.sourceUrl ?? '#')}" rel="nofollow ugc">${name ? escapeHtml(name) : ''}</a>${by}<span class="meta"> · ${timeHtml(item, tz, ' ')}</span>${item.contentHtml ? `<div class="p-content">${item.contentHtml}</div>` : ''}</li>`;
  },
  reaction: (item) => `<li class="h-cite p-${escapeHtml(item.type)}">${authorCardHtml(item)}</li>`,
};
