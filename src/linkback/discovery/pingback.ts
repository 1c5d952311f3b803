/**
 * Pingback server discovery, Pingback 1.0 §2, pingback-enabled resources (cases D57–D59): the
 * `X-Pingback` header wins; otherwise the first `<link>`/`<a>` with rel token `pingback`.
 * More lenient than the spec's fixed-attribute-order regex, on purpose: a real HTML parser
 * decodes every entity (`&amp;` → `&`, case D58) and relative URLs are absolutised.
 */
import { isHtmlType } from '../media-type.js';
import { findRelLink } from './find-rel-link.js';
import { parseHttpUrl } from '../url.js';

export interface PingbackDiscoveryInput {
  readonly xPingbackHeader: string | undefined | null;
  readonly body: string;
  readonly finalUrl: string | URL;
  readonly contentType?: string | undefined;
}

export function discoverPingbackServer({
  xPingbackHeader,
  body,
  finalUrl,
  contentType,
}: PingbackDiscoveryInput): URL | null {
  if (xPingbackHeader !== undefined && xPingbackHeader !== null && xPingbackHeader.trim() !== '') {
    const server = parseHttpUrl(xPingbackHeader, finalUrl);
    if (server !== null) return server;
  }
  if (!isHtmlType(contentType)) return null;
  return findRelLink(body, finalUrl, 'pingback');
}
