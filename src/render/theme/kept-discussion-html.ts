/**
 * An article's discussion section, rendered once and kept (as markup and as UTF-8 bytes) while
 * the discussion shows the same: a render then joins the kept bytes instead of building and
 * encoding 50 items' markup again.
 *
 * An entry is used only while (1) the items are the very objects it was built from (the store
 * keeps an article's public items, and hands out the same objects, until the discussion's
 * revision moves: any visible change from any process gives new objects) and (2) everything else
 * it was built from, spelled out in its key (comment page, zone, ordering and paging settings,
 * open or closed, the status sentence, the TrackBack URL), is equal. Items are read-only.
 */
import type { DiscussionItem } from '../../domain/discussion-item.js';
import { boundedMemo } from './bounded-memo.js';

export interface KeptHtml {
  readonly html: string;
  readonly bytes: Buffer;
}

/** The parts of the section around the fediverse reactions and the comment form. */
export interface DiscussionParts {
  /** From the section's start to the end of the comment thread and its page links. */
  readonly thread: KeptHtml;
  /** The mentions elsewhere, the ping URL and the section's end. */
  readonly tail: KeptHtml;
}

export interface KeptDiscussionHtml {
  /** The kept parts for `key` built from `items`, or `build()`'s (then kept). */
  get(
    key: string,
    items: readonly DiscussionItem[],
    build: () => { readonly thread: string; readonly tail: string },
  ): DiscussionParts;
  /** Entries held and the bytes they hold (for the bounds' tests and for operators). */
  stats(): { readonly entries: number; readonly bytes: number };
}

interface Entry {
  readonly items: readonly DiscussionItem[];
  readonly parts: DiscussionParts;
}

/** Markup with its UTF-8 bytes. */
export const keptHtml = (html: string): KeptHtml => ({ html, bytes: Buffer.from(html, 'utf8') });

const sameItems = (a: readonly DiscussionItem[], b: readonly DiscussionItem[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Bounded by entries and by bytes held (markup and its encoding); the least recently used go first. */
export function keptDiscussionHtml(
  opts: { readonly maxEntries?: number; readonly maxBytes?: number } = {},
): KeptDiscussionHtml {
  const memo = boundedMemo<Entry>({
    maxEntries: opts.maxEntries ?? 512,
    maxBytes: opts.maxBytes ?? 16 * 1024 * 1024,
  });
  return {
    get(key, items, build) {
      const found = memo.get(key);
      if (found && sameItems(found.items, items)) return found.parts;
      const built = build();
      const parts = { thread: keptHtml(built.thread), tail: keptHtml(built.tail) };
      const size =
        2 * (parts.thread.bytes.length + parts.tail.bytes.length) + 8 * items.length + key.length;
      memo.set(key, { items: [...items], parts }, size);
      return parts;
    },
    stats: () => memo.stats(),
  };
}
