/**
 * Articles' public discussions kept between reads, each with the discussion revision it was read
 * at (`discussion_revisions`, bumped by the database's triggers on every visible change, from any
 * process: migration 0022). A read asks the one revision row first and reuses the kept items when
 * it is unchanged, so a page render maps no discussion rows unless that discussion changed.
 */
import type { DiscussionItem } from '../../domain/discussion-item.js';

interface Kept {
  readonly revision: number;
  readonly items: Promise<readonly DiscussionItem[]>;
}

/** Most discussions kept (least recently read dropped first): about 64 KiB each at 50 items. */
export const KEPT_DISCUSSIONS = 128;

export interface KeptDiscussions {
  /**
   * The article's public items: kept ones when `revision()` still gives what they were read at,
   * else `load()`'s (read after the revision, so what is kept is never older than its revision).
   */
  get(
    articleId: number,
    revision: () => Promise<number>,
    load: () => Promise<DiscussionItem[]>,
  ): Promise<DiscussionItem[]>;
  readonly size: number;
}

export function keptDiscussions(max = KEPT_DISCUSSIONS): KeptDiscussions {
  const kept = new Map<number, Kept>();
  return {
    async get(articleId, revision, load) {
      const now = await revision();
      let entry = kept.get(articleId);
      if (entry && entry.revision === now) {
        kept.delete(articleId);
        kept.set(articleId, entry);
      } else {
        const items: Promise<readonly DiscussionItem[]> = load();
        entry = { revision: now, items };
        kept.delete(articleId);
        kept.set(articleId, entry);
        // A failed read is not kept: the next one asks the database again.
        items.catch(() => {
          if (kept.get(articleId)?.items === items) kept.delete(articleId);
        });
        while (kept.size > max) {
          const oldest = kept.keys().next().value;
          if (oldest === undefined) break;
          kept.delete(oldest);
        }
      }
      // A copy of the list: callers may sort or filter it; the items themselves are read-only.
      return [...(await entry.items)];
    },
    get size() {
      return kept.size;
    },
  };
}
