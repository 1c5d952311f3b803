/**
 * The first `<link>` or `<a>` (never `<area>`) in document order whose rel tokens include
 * `rel` and that has an `href`, resolved against the document base URL. Shared by Webmention
 * (W3C Webmention §3.1.2) and Pingback/TrackBack `rel` discovery.
 */
import {
  documentBaseUrl,
  getAttr,
  parseHtmlDocument,
  tokens,
  walkElements,
  type HtmlDocument,
} from '../html/dom.js';
import { parseHttpUrl } from '../url.js';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

export function findRelLink(
  body: string | HtmlDocument,
  finalUrl: string | URL,
  rel: string,
): URL | null {
  const document = typeof body === 'string' ? parseHtmlDocument(body) : body;
  let href: string | undefined;
  walkElements(document, (element) => {
    if (element.namespaceURI !== HTML_NS) return true;
    if (element.tagName !== 'link' && element.tagName !== 'a') return true;
    const value = getAttr(element, 'href');
    if (value === undefined || !tokens(getAttr(element, 'rel')).includes(rel)) return true;
    href = value;
    return false;
  });
  if (href === undefined) return null;
  // An empty href is a reference to the document itself (W3C Webmention §3.1.2, case A15).
  return parseHttpUrl(href, documentBaseUrl(document, finalUrl));
}
