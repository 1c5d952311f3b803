/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
import type { Feed } from '../../app/feeds/feed-model.js';
import { xmlChars } from '../../domain/xml-text.js';
import { rfc3339 } from './xml.js';

export const JSON_FEED_TYPE = 'application/feed+json; charset=utf-8';

export function jsonFeed(feed: Feed): string {
  const data = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description || undefined,
    language: feed.language,
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      ...(e.image ? { image: e.image.url } : {}),
      summary: e.summary || undefined,
      date_published: rfc3339(e.published),
      date_modified: rfc3339(e.updated),
      authors: e.authors.map((a) => ({ name: a.name, ...(a.url ? { url: a.url } : {}) })),
      tags: e.categories.map((c) => c.label),
      ...(e.inReplyTo ? { external_url: e.inReplyTo.url } : {}),
      ...(e.discussion || e.itemKind
        ? {
            _newsdesk: {
              ...(e.discussion
                ? { comments_url: e.discussion.pageUrl, comment_count: e.discussion.count }
                : {}),
              ...(e.itemKind ? { kind: e.itemKind } : {}),
            },
          }
        : {}),
    })),
  };
  // The control characters XML refuses are junk in JSON too: dropped the same way.
  return `${JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' ? xmlChars(v) : v))}\n`;
}
