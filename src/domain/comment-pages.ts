import type { CommentNode } from './discussion-item.js';

/** A page of top-level threads; replies always stay on their thread's page. */
export interface ThreadPage {
  readonly nodes: readonly CommentNode[];
  readonly page: number;
  readonly pageCount: number;
}

/** Pages past the end show the last page; anything below 1 shows the first. */
export function paginateThreads(
  threads: readonly CommentNode[],
  page: number,
  perPage: number,
): ThreadPage {
  const size = Math.max(1, Math.floor(perPage));
  const pageCount = Math.max(1, Math.ceil(threads.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  return {
    nodes: threads.slice((current - 1) * size, current * size),
    page: current,
    pageCount,
  };
}

const contains = (node: CommentNode, id: number): boolean =>
  node.item.id === id || node.children.some((c) => contains(c, id));

/** The page whose threads include the item, or null when it is not shown. */
export function pageOfItem(
  threads: readonly CommentNode[],
  itemId: number,
  perPage: number,
): number | null {
  const index = threads.findIndex((t) => contains(t, itemId));
  return index < 0 ? null : Math.floor(index / Math.max(1, Math.floor(perPage))) + 1;
}
