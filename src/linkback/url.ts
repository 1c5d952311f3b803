/**
 * URL helpers shared by every linkback module. The WHATWG URL parser already lowercases the
 * host, drops a scheme's default port and turns an empty path into "/", which is exactly the
 * normalisation our link-match rule asks for; we only add "http(s) only" and "no fragment".
 */

const HTTP_SCHEMES = new Set(['http:', 'https:']);

/** Parses `raw` (optionally against `base`) and returns it only if it is an http(s) URL. */
export function parseHttpUrl(raw: string, base?: string | URL): URL | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return null;
  }
  return HTTP_SCHEMES.has(url.protocol) ? url : null;
}

/**
 * A URL another site sends us as the source of a linkback: absolute http(s) and without user
 * info, which has no place in a public page's address and would be sent as credentials when we
 * fetch it. Webmention, Pingback and TrackBack all take their source through here.
 */
export function parseSourceUrl(raw: string): URL | null {
  const url = parseHttpUrl(raw);
  return url === null || url.username !== '' || url.password !== '' ? null : url;
}

/** True when the string is an absolute http(s) URL (no base involved). */
export function isAbsoluteHttpUrl(raw: string): boolean {
  return parseHttpUrl(raw) !== null;
}

/** The URL serialised without its fragment: the key for "same resource" comparisons. */
export function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/** A comparison key for `raw` resolved against `base`, or null when it is not http(s). */
export function matchKey(raw: string, base?: string | URL): string | null {
  const url = parseHttpUrl(raw, base);
  return url === null ? null : withoutFragment(url);
}
