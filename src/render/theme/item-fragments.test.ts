import { describe, expect, it } from 'vitest';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import { itemFragments } from './item-fragments.js';

const at = new Date('2026-01-15T09:07:00.000Z');
const comment = (over: Partial<DiscussionItem> = {}): DiscussionItem => ({
  id: 7,
  articleId: 1,
  kind: 'comment',
  protocol: null,
  type: 'comment',
  status: 'approved',
  parentId: null,
  authorName: 'Reader <7> & "friends"',
  authorUrl: 'https://reader.example/?a=1&b=2',
  authorEmail: 'r@example.org',
  authorPhoto: null,
  authorIp: null,
  sourceUrl: null,
  targetUrl: null,
  title: null,
  contentHtml: trustStoredHtml('<p>First words</p>'),
  verification: 'not-required',
  verificationError: null,
  createdAt: at,
  updatedAt: at,
  publishedAt: null,
  ...over,
});

describe('discussion item fragments', () => {
  it('escapes every value but the sanitised content', () => {
    const html = itemFragments().get('comment', comment(), 'UTC');
    expect(html).toBe(
      '<li class="comment p-comment h-entry" id="comment-7"><header><a class="p-author h-card u-url p-name" href="https://reader.example/?a=1&amp;b=2" rel="nofollow ugc">Reader &lt;7&gt; &amp; &quot;friends&quot;</a> · <a class="u-url" href="#comment-7"><time class="dt-published" datetime="2026-01-15T09:07:00.000Z">15 January 2026 at 09:07 UTC</time></a></header><div class="content e-content"><p>First words</p></div>',
    );
  });

  it('builds an item again when what it shows changed, even with the same updated_at', () => {
    const fragments = itemFragments();
    expect(fragments.get('comment', comment(), 'UTC')).toContain('First words');
    const edited = comment({ contentHtml: trustStoredHtml('<p>Edited words</p>') });
    expect(fragments.get('comment', edited, 'UTC')).toContain('Edited words');
    expect(fragments.get('comment', comment({ authorUrl: null }), 'UTC')).toContain(
      '<span class="p-author h-card p-name">',
    );
  });

  it('holds at most its character cap, dropping the oldest items first, and never an item larger', () => {
    const fragments = itemFragments({ maxChars: 3_000 });
    const big = (id: number) =>
      comment({ id, contentHtml: trustStoredHtml(`<p>${'x'.repeat(500)}</p>`) });
    for (let id = 1; id <= 10; id++) fragments.get('comment', big(id), 'UTC');
    const { entries, chars } = fragments.stats();
    expect(chars).toBeLessThanOrEqual(3_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(10);
    const huge = comment({ id: 99, contentHtml: trustStoredHtml(`<p>${'y'.repeat(5_000)}</p>`) });
    expect(fragments.get('comment', huge, 'UTC')).toContain('yyyy');
    expect(fragments.stats()).toEqual({ entries, chars });
    // An item built again replaces its own entry rather than adding one.
    fragments.get('comment', big(10), 'UTC');
    fragments.get('comment', comment({ id: 10 }), 'UTC');
    expect(fragments.stats().entries).toBe(entries);
  });

  it('keeps one entry per time zone', () => {
    const fragments = itemFragments();
    expect(fragments.get('comment', comment(), 'UTC')).toContain('09:07 UTC');
    expect(fragments.get('comment', comment(), 'America/New_York')).toContain('04:07');
    expect(fragments.get('comment', comment(), 'UTC')).toContain('09:07 UTC');
  });

  it('labels pingbacks and leaves out the byline when the author is the title', () => {
    const ping = comment({
      kind: 'linkback',
      type: 'pingback',
      title: 'Same',
      authorName: 'Same',
      sourceUrl: 'https://blog.example/p',
      contentHtml: trustStoredHtml(''),
    });
    expect(itemFragments().get('mention', ping, 'UTC')).toBe(
      '<li class="h-cite p-mention" id="mention-7"><span class="meta">Pingback · </span><a class="u-url p-name" href="https://blog.example/p" rel="nofollow ugc">Same</a><span class="meta"> · <time datetime="2026-01-15T09:07:00.000Z">15 January 2026 at 09:07 UTC</time></span></li>',
    );
  });
});
