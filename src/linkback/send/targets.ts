/**
 * What an article notifies: the `a[href]` links of its rendered body, resolved against its
 * permalink, http(s) only, each once, in document order. Fragments stay in the target string,
 * since receivers compare the target exactly as it appears in our HTML (W3C Webmention §3.1.3).
 * Image `src`, bare-text URLs and `<link>`/`<area>` are not links to notify (unlike WordPress's
 * `wp_extract_urls`, which grabs every URL-looking string).
 */
import { getAttr, parse5, walkElements } from '../html/dom.js';
import { parseHttpUrl } from '../url.js';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

export function linkTargets(bodyHtml: string, baseUrl: string): string[] {
  const seen = new Set<string>();
  walkElements(parse5().parseFragment(bodyHtml), (element) => {
    if (element.namespaceURI !== HTML_NS || element.tagName !== 'a') return true;
    const href = getAttr(element, 'href');
    if (href === undefined || href.trim() === '') return true;
    const url = parseHttpUrl(href, baseUrl);
    if (url !== null && url.username === '' && url.password === '') seen.add(url.href);
    return true;
  });
  return [...seen];
}

/** True when `target` is on our own site (same scheme-less host and port as `siteUrl`). */
export function isOwnSite(target: string, siteUrl: string): boolean {
  const url = parseHttpUrl(target);
  const site = parseHttpUrl(siteUrl);
  if (url === null || site === null) return false;
  const host = (u: URL) => `${u.hostname.replace(/^www\./, '')}:${u.port}`;
  return host(url) === host(site);
}
