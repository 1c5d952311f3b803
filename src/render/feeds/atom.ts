/** Atom 1.0 (RFC 4287) with the threading extension (RFC 4685: replies links, thr:in-reply-to). */
import type { Feed } from '../../app/feeds/feed-model.js';
import { document, el, rfc3339 } from './xml.js';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

export function atomFeed(feed: Feed): string {
  return document(
    el(
      'feed',
      {
        xmlns: 'http://www.w3.org/2005/Atom',
        'xmlns:thr': 'http://purl.org/syndication/thread/1.0',
        'xml:lang': feed.language,
      },
      el('id', null, feed.id),
      el('title', null, feed.title),
      feed.description ? el('subtitle', null, feed.description) : null,
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.links.atom }),
      el('updated', null, rfc3339(feed.updated)),
      el('generator', null, feed.generator),
      ...feed.entries.map((e) =>
        el(
          'entry',
          null,
          el('id', null, e.id),
          el('title', { type: 'text' }, e.title),
          el('link', { rel: 'alternate', type: 'text/html', href: e.url }),
          e.image ? el('link', { rel: 'enclosure', type: e.image.type, href: e.image.url }) : null,
          el('published', null, rfc3339(e.published)),
          el('updated', null, rfc3339(e.updated)),
          ...e.authors.map((a) =>
            el('author', null, el('name', null, a.name), a.url ? el('uri', null, a.url) : null),
          ),
          ...e.categories.map((c) =>
            el('category', { term: c.term, label: c.label, scheme: c.url }),
          ),
          e.summary ? el('summary', { type: 'text' }, e.summary) : null,
          el('content', { type: 'html' }, e.contentHtml),
          e.discussion
            ? el('link', {
                rel: 'replies',
                type: 'application/atom+xml',
                href: e.discussion.atomUrl,
                'thr:count': e.discussion.count,
              })
            : null,
          e.discussion ? el('thr:total', null, String(e.discussion.count)) : null,
          e.inReplyTo
            ? el('thr:in-reply-to', {
                ref: e.inReplyTo.id,
                href: e.inReplyTo.url,
                type: 'text/html',
              })
            : null,
        ),
      ),
    ),
  );
}
