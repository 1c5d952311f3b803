import { describe, expect, it } from 'vitest';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import { keptDiscussionHtml } from './kept-discussion-html.js';

const at = new Date('2026-01-15T09:07:00.000Z');
const item = (id: number, text = `Comment ${id}`): DiscussionItem => ({
  id,
  articleId: 1,
  kind: 'comment',
  protocol: null,
  type: 'comment',
  status: 'approved',
  parentId: null,
  authorName: `Reader ${id}`,
  authorUrl: null,
  authorEmail: 'r@example.org',
  authorPhoto: null,
  authorIp: null,
  sourceUrl: null,
  targetUrl: null,
  title: null,
  contentHtml: trustStoredHtml(`<p>${text}</p>`),
  verification: 'not-required',
  verificationError: null,
  createdAt: at,
  updatedAt: at,
  publishedAt: null,
});

describe('kept discussion sections', () => {
  it('reuses the kept markup and bytes while the items are the very same objects', () => {
    const kept = keptDiscussionHtml();
    const items = [item(1), item(2)];
    let builds = 0;
    const build = () => {
      builds += 1;
      return { thread: `<ol>${items.length} é</ol>`, tail: '</section>' };
    };
    const first = kept.get('1|1', items, build);
    const again = kept.get('1|1', [...items], build);
    expect(builds).toBe(1);
    expect(again).toBe(first);
    expect(first.thread.bytes.toString('utf8')).toBe(first.thread.html);
    expect(first.thread.bytes.length).toBe(Buffer.byteLength('<ol>2 é</ol>'));
  });

  it('builds again when an item is a new object, even with the same fields, or the key differs', () => {
    const kept = keptDiscussionHtml();
    const items = [item(1), item(2)];
    let builds = 0;
    const build = () => {
      builds += 1;
      return { thread: `t${builds}`, tail: '' };
    };
    kept.get('1|1', items, build);
    // The store hands out new objects only when the discussion changed (migration 0022).
    expect(kept.get('1|1', [items[0]!, item(2)], build).thread.html).toBe('t2');
    expect(kept.get('1|1', [items[0]!], build).thread.html).toBe('t3');
    expect(kept.get('1|2', [items[0]!], build).thread.html).toBe('t4');
    expect(kept.get('1|1', [items[0]!], build).thread.html).toBe('t3');
    expect(builds).toBe(4);
  });

  it('holds at most its bound of entries and bytes, dropping the oldest first', () => {
    const kept = keptDiscussionHtml({ maxEntries: 2, maxBytes: 10_000 });
    const items = [item(1)];
    const build = () => ({ thread: 'x'.repeat(1_000), tail: '' });
    kept.get('a', items, build);
    kept.get('b', items, build);
    kept.get('c', items, build);
    expect(kept.stats().entries).toBe(2);
    let rebuilt = false;
    kept.get('a', items, () => {
      rebuilt = true;
      return build();
    });
    expect(rebuilt).toBe(true);

    const small = keptDiscussionHtml({ maxBytes: 5_000 });
    for (const key of ['a', 'b', 'c']) small.get(key, items, build);
    expect(small.stats().bytes).toBeLessThanOrEqual(5_000);
    expect(small.stats().entries).toBe(2);
  });
});
