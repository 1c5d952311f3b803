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
  readonly size: number;
}

/** Markup with its UTF-8 bytes. */
export const keptHtml = (html: string): KeptHtml => ({ html, bytes: Buffer.from(html, 'utf8') });

const sameItems = (a: readonly DiscussionItem[], b: readonly DiscussionItem[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Bounded by entries and by bytes held (markup and its encoding); the oldest go first. */
export function keptDiscussionHtml(
  opts: { readonly maxEntries?: number; readonly maxBytes?: number } = {},
): KeptDiscussionHtml {
  const maxEntries = opts.maxEntries ?? 512;
  const maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let held = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    held -= entry.size;
  };
  return {
    get(key, items, build) {
      const found = entries.get(key);
      if (found && sameItems(found.items, items)) return found.parts;
      const built = build();
      const parts = { thread: keptHtml(built.thread), tail: keptHtml(built.tail) };
      const size =
        2 * (parts.thread.bytes.length + parts.tail.bytes.length) + 8 * items.length + key.length;
      drop(key);
      if (size > maxBytes) return parts;
      entries.set(key, { items: [...items], parts, size });
      held += size;
      while (entries.size > maxEntries || held > maxBytes) drop(entries.keys().next().value ?? '');
      return parts;
    },
    stats: () => ({ entries: entries.size, bytes: held }),
  };
}
