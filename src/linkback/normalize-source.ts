/**
 * Dedupe key for a linkback source, so one (article, source) pair is one record whatever the
 * protocol and however the sender spelled the URL (case G95; decision 7 in docs/conformance.md).
 *
 * Policy — two URLs share a key when they differ only in:
 * - scheme http vs https (the key carries no scheme: `//host/path?query`);
 * - case of scheme/host, a default port (80/443), user info or the `#fragment`;
 * - a leading `www.` on the host;
 * - a trailing slash on a non-root path (`/post/` ≡ `/post`);
 * - tracking parameters: any `utm_*`, `fbclid`, `gclid` (names compared case-insensitively).
 * Everything else — path case, other query parameters and their order and encoding — is kept
 * as sent, because servers may treat those as different resources.
 * A string that is not a URL at all is returned trimmed and lowercased, so it still dedupes.
 */

const TRACKING_PARAMS = [/^utm_/i, /^fbclid$/i, /^gclid$/i];

export function normalizeSourceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim().toLowerCase();
  }
  const host = url.hostname.replace(/^www\./, '');
  // URL already dropped the scheme's own default port; also drop the other scheme's, since
  // the key is scheme-less (http://h:443 is never a real page but https://h is).
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') || '/' : url.pathname;
  const query = keptQuery(url.search);
  return `//${host}${port}${path}${query}`;
}

function keptQuery(search: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair.split('=')[0] ?? ''));
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function isTracking(encodedName: string): boolean {
  let name = encodedName;
  try {
    name = decodeURIComponent(encodedName.replace(/\+/g, ' '));
  } catch {
    // Malformed percent-encoding: compare the raw text.
  }
  return TRACKING_PARAMS.some((pattern) => pattern.test(name));
}
