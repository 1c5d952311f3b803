/**
 * RSS 2.0 with content:encoded, dc:creator (every byline), wfw:commentRss, slash:comments and the
 * featured image as Media RSS `media:content`.
 */
import type { Feed } from '../../app/feeds/feed-model.js';
import { document, el, frag, rfc822 } from './xml.js';

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';

export function rssFeed(feed: Feed): string {
  return document(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:wfw': 'http://wellformedweb.org/CommentAPI/',
        'xmlns:slash': 'http://purl.org/rss/1.0/modules/slash/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      el(
        'channel',
        null,
        el('title', null, feed.title),
        el('link', null, feed.homeUrl),
        el('description', null, feed.description || feed.title),
        el('atom:link', { rel: 'self', type: 'application/rss+xml', href: feed.links.rss }),
        el('language', null, feed.language),
        el('lastBuildDate', null, rfc822(feed.updated)),
        el('generator', null, feed.generator),
        ...feed.entries.map((e) =>
          el(
            'item',
            null,
            el('title', null, e.title),
            el('link', null, e.url),
            el('guid', { isPermaLink: 'false' }, e.id),
            el('pubDate', null, rfc822(e.published)),
            ...e.authors.map((a) => el('dc:creator', null, a.name)),
            ...e.categories.map((c) => el('category', c.url ? { domain: c.url } : null, c.label)),
            el('description', null, e.summary || e.title),
            el('content:encoded', null, e.contentHtml),
            e.discussion
              ? frag(
                  el('comments', null, e.discussion.pageUrl),
                  el('wfw:commentRss', null, e.discussion.rssUrl),
                  el('slash:comments', null, String(e.discussion.count)),
                )
              : null,
            e.inReplyTo ? el('source', { url: e.inReplyTo.url }, e.inReplyTo.title) : null,
            // Media RSS: the featured image, sized, with its alt text as the description.
            e.image
              ? el(
                  'media:content',
                  {
                    url: e.image.url,
                    type: e.image.type,
                    medium: 'image',
                    width: String(e.image.width),
                    height: String(e.image.height),
                  },
                  e.image.alt ? el('media:description', { type: 'plain' }, e.image.alt) : null,
                )
              : null,
          ),
        ),
      ),
    ),
  );
}
