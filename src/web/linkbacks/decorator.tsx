import { raw } from 'hono/html';
import { trackbackRdf } from '../../linkback/index.js';
import type { ArticleDecorator } from '../site/site-app.js';

/** Where an article's TrackBack pings go. */
export const trackbackPath = (articleId: number): string => `/trackback/${articleId}`;

/**
 * Advertises the three endpoints on pages whose linkbacks are open (W3C Webmention §3.1.2, Pingback 1.0 §2, TrackBack 1.2 §"Auto-Discovery of TrackBack Ping URLs"):
 * `Link: <…/webmention>; rel="webmention"` and `X-Pingback` headers, `<link>` elements for
 * webmention, pingback and trackback, the TrackBack RDF block, and the ping URL for humans.
 * Closed pages advertise nothing (existing senders may still update or delete, see README).
 */
export function linkbackDecorator(opts: { readonly siteUrl: string }): ArticleDecorator {
  const webmention = `${opts.siteUrl}/webmention`;
  const pingback = `${opts.siteUrl}/xmlrpc`;
  return ({ model, settings }) => {
    if (!model.discussion.state.linkbacks.open) return {};
    const trackbackUrl = settings.linkbacks.receiveTrackbacks
      ? `${opts.siteUrl}${trackbackPath(model.article.id)}`
      : undefined;
    return {
      headers: [
        ['Link', `<${webmention}>; rel="webmention"`],
        ['X-Pingback', pingback],
      ],
      links: [
        { rel: 'webmention', href: webmention },
        { rel: 'pingback', href: pingback },
        ...(trackbackUrl ? [{ rel: 'trackback', href: trackbackUrl }] : []),
      ],
      ...(trackbackUrl
        ? {
            trackbackUrl,
            extraHead: raw(
              trackbackRdf({
                permalink: model.url,
                title: model.article.title,
                pingUrl: trackbackUrl,
              }),
            ),
          }
        : {}),
    };
  };
}
