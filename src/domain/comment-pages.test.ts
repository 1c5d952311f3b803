import { describe, expect, it } from 'vitest';
import { pageOfItem, paginateThreads } from './comment-pages.js';
import type { CommentNode, DiscussionItem } from './discussion-item.js';

const node = (id: number, children: CommentNode[] = []): CommentNode => ({
  item: { id } as DiscussionItem,
  children,
});
const threads = [node(1, [node(2, [node(3)])]), node(4), node(5), node(6, [node(7)]), node(8)];

describe('paginateThreads', () => {
  it('slices top-level threads, keeping replies with their thread', () => {
    const p = paginateThreads(threads, 2, 2);
    expect(p.nodes.map((n) => n.item.id)).toEqual([5, 6]);
    expect(p.nodes[1]?.children.map((n) => n.item.id)).toEqual([7]);
    expect(p.pageCount).toBe(3);
  });

  it.each([
    [0, 1],
    [-4, 1],
    [99, 3],
    [Number.NaN, 1],
  ])('clamps page %s to %s', (asked, shown) => {
    expect(paginateThreads(threads, asked, 2).page).toBe(shown);
  });

  it('has one page when there are no comments', () => {
    expect(paginateThreads([], 1, 10)).toEqual({ nodes: [], page: 1, pageCount: 1 });
  });
});

describe('pageOfItem', () => {
  it('finds the page of a nested reply by its thread', () => {
    expect(pageOfItem(threads, 3, 2)).toBe(1);
    expect(pageOfItem(threads, 7, 2)).toBe(2);
    expect(pageOfItem(threads, 8, 2)).toBe(3);
    expect(pageOfItem(threads, 42, 2)).toBeNull();
  });
});
