/**
 * Which endpoint one linked page asks to be notified at, from the single GET a sender makes
 * (no HEAD first: a single-use URL, webmention.rocks test 23, would be spent by it).
 * W3C Webmention §3.1.2 first (`Link` headers, then the first `<link>`/`<a>` in document
 * order); only when the page has no Webmention endpoint, Pingback 1.0 §2 (`X-Pingback` beats
 * `<link rel="pingback">`). Pingback is not tried for a URL with neither path nor query (a
 * home page), as WordPress does not.
 */
import { discoverPingbackServer } from '../discovery/pingback.js';
import { linkHeaderValues } from '../discovery/link-header.js';
import { discoverWebmentionEndpoint } from '../discovery/webmention.js';
import { parseHttpUrl } from '../url.js';

export type DiscoveredEndpoint =
  | { readonly protocol: 'webmention'; readonly endpoint: string }
  | { readonly protocol: 'pingback'; readonly endpoint: string };

export interface DiscoveryResponse {
  /** The URL our article links to. */
  readonly targetUrl: string;
  /** The URL that answered, after redirects. */
  readonly finalUrl: string;
  /** Every header line, in order; names compared case-insensitively. */
  readonly headers: readonly (readonly [string, string])[];
  readonly contentType: string | undefined;
  /** The (size-capped) body; read only when the response is HTML. */
  readonly body: string;
}

export function discoverLinkbackEndpoint(page: DiscoveryResponse): DiscoveredEndpoint | null {
  const contentType = page.contentType === '' ? undefined : page.contentType;
  const webmention = discoverWebmentionEndpoint({
    finalUrl: page.finalUrl,
    linkHeaders: linkHeaderValues(page.headers),
    contentType,
    body: page.body,
  });
  if (webmention !== null) return { protocol: 'webmention', endpoint: webmention.href };
  const target = parseHttpUrl(page.targetUrl);
  if (target === null || (target.pathname === '/' && target.search === '')) return null;
  const xPingback = page.headers.find(([name]) => name.toLowerCase() === 'x-pingback')?.[1];
  const pingback = discoverPingbackServer({
    xPingbackHeader: xPingback,
    body: page.body,
    finalUrl: page.finalUrl,
    contentType,
  });
  return pingback === null ? null : { protocol: 'pingback', endpoint: pingback.href };
}
