/**
 * `<meta http-equiv="Status" content="410 Gone">`: a deleted post served with 200 by a static
 * host (accepted by webmention.rocks' delete test; W3C Webmention §3.2.4; case C47).
 */
import { getAttr, parseHtmlDocument, walkElements } from '../html/dom.js';

export function isGoneMarker(body: string): boolean {
  let gone = false;
  walkElements(parseHtmlDocument(body), (element) => {
    if (element.tagName !== 'meta') return true;
    if (getAttr(element, 'http-equiv')?.trim().toLowerCase() !== 'status') return true;
    gone = /^\s*410(?:\s|$)/.test(getAttr(element, 'content') ?? '');
    return !gone;
  });
  return gone;
}
