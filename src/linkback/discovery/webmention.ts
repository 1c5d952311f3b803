/**
 * Webmention endpoint discovery, W3C Webmention §3.1.2 (cases A1–A27): HTTP `Link`
 * headers first (every header line, every comma-separated link, the first link whose rel
 * tokens include `webmention`), then — only for HTML — the first `<link>`/`<a>` with that rel
 * token and an href. Relative endpoints resolve against the final URL after redirects (test
 * 23) and, in HTML, against `<base href>` as the HTML standard does (our documented choice).
 * The query string is kept as discovered (test 21). Refusing private addresses is `net/`'s
 * job at connect time (test 26), so a loopback endpoint is returned like any other.
 */
import { parseHttpUrl } from '../url.js';
import { findRelLink } from './find-rel-link.js';
import { parseLinkHeaders, relTypes } from './link-header.js';
import { isHtmlType } from '../media-type.js';

export interface WebmentionDiscoveryInput {
  /** The URL of the response, after redirects. */
  readonly finalUrl: string | URL;
  /** Every `Link` header value, in order (header names already matched case-insensitively). */
  readonly linkHeaders: readonly string[];
  readonly contentType: string | undefined;
  /** The (size-capped) body; ignored unless the response is HTML. */
  readonly body: string;
}

export function discoverWebmentionEndpoint({
  finalUrl,
  linkHeaders,
  contentType,
  body,
}: WebmentionDiscoveryInput): URL | null {
  for (const link of parseLinkHeaders(linkHeaders)) {
    if (relTypes(link).includes('webmention')) {
      const endpoint = parseHttpUrl(link.target, finalUrl);
      if (endpoint !== null) return endpoint;
    }
  }
  if (!isHtmlType(contentType)) return null;
  return findRelLink(body, finalUrl, 'webmention');
}
