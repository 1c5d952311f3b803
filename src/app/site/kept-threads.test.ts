import { describe, expect, it } from 'vitest';
import { threadComments, type DiscussionItem } from '../../domain/discussion-item.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import { keptThreads } from './kept-threads.js';

const at = new Date('2026-01-01T00:00:00Z');
const item = (id: number, parentId: number | null = null): DiscussionItem => ({
  id,
  articleId: 1,
  kind: 'comment',
  protocol: null,
  type: 'comment',
  status: 'approved',
  parentId,
  authorName: `Reader ${id}`,
  authorUrl: null,
  authorEmail: null,
  authorPhoto: null,
  authorIp: null,
  sourceUrl: null,
  targetUrl: null,
  title: null,
  contentHtml: trustStoredHtml(`<p>${id}</p>`),
  verification: 'not-required',
  verificationError: null,
  createdAt: at,
  updatedAt: at,
  publishedAt: at,
});

describe('kept comment threads', () => {
  const items = [item(1), item(2, 1), item(3), item(4, 2)];

  it('threads the same items once, and gives the threads threadComments gives', () => {
    const kept = keptThreads();
    const first = kept.threads(1, [...items], 5);
    expect(first).toEqual(threadComments(items, 5));
    // A new array of the very same items (the store's copy per read) reuses the threads.
    expect(kept.threads(1, [...items], 5)).toBe(first);
  });

  it('threads anew when an item is another object, the order or the depth differs', () => {
    const kept = keptThreads();
    const first = kept.threads(1, items, 5);
    const edited = [items[0]!, items[1]!, { ...items[2]!, authorName: 'Edited' }, items[3]!];
    const again = kept.threads(1, edited, 5);
    expect(again).not.toBe(first);
    expect(again).toEqual(threadComments(edited, 5));
    const reversed = [...edited].reverse();
    expect(kept.threads(1, reversed, 5)).toEqual(threadComments(reversed, 5));
    expect(kept.threads(1, reversed, 1)).toEqual(threadComments(reversed, 1));
    expect(kept.threads(1, reversed, 1)).not.toEqual(threadComments(reversed, 5));
  });

  it('keeps at most the given number of articles, dropping the least recently used', () => {
    const kept = keptThreads(2);
    const one = kept.threads(1, items, 5);
    kept.threads(2, items, 5);
    kept.threads(1, items, 5);
    kept.threads(3, items, 5);
    expect(kept.size).toBe(2);
    expect(kept.threads(1, items, 5)).toBe(one);
  });
});
