/**
 * Articles' comment threads kept between renders: threading is a pure function of the ordered
 * comments and the depth limit, and the store keeps the same item objects while a discussion's
 * revision is unchanged (app/kept-by-revision.ts), so the threads built from the
 * very same items in the same order are reused; any other list is threaded anew.
 */
import {
  threadComments,
  type CommentNode,
  type DiscussionItem,
} from '../../domain/discussion-item.js';

/** Most articles' threads kept (least recently used dropped first). */
export const KEPT_THREADS = 128;

export interface KeptThreads {
  /** `threadComments(comments, maxDepth)`, the kept answer when `comments` are the same objects. */
  threads(
    articleId: number,
    comments: readonly DiscussionItem[],
    maxDepth: number,
  ): readonly CommentNode[];
  readonly size: number;
}

interface Kept {
  readonly comments: readonly DiscussionItem[];
  readonly maxDepth: number;
  readonly threads: readonly CommentNode[];
}

const sameItems = (a: readonly DiscussionItem[], b: readonly DiscussionItem[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export function keptThreads(max = KEPT_THREADS): KeptThreads {
  const kept = new Map<number, Kept>();
  return {
    threads(articleId, comments, maxDepth) {
      const hit = kept.get(articleId);
      kept.delete(articleId);
      if (hit && hit.maxDepth === maxDepth && sameItems(hit.comments, comments)) {
        kept.set(articleId, hit);
        return hit.threads;
      }
      const threads = threadComments(comments, maxDepth);
      kept.set(articleId, { comments: [...comments], maxDepth, threads });
      while (kept.size > max) {
        const oldest = kept.keys().next().value;
        if (oldest === undefined) break;
        kept.delete(oldest);
      }
      return threads;
    },
    get size() {
      return kept.size;
    },
  };
}
