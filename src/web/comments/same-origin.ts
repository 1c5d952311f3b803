import type { Context } from 'hono';

/**
 * Whether a comment POST came from one of our own pages, as the browser tells it (a cross-site
 * request forgery defence; the signed form token is the other). Browsers send
 * `Sec-Fetch-Site` (Fetch Metadata) with every request, and `Origin` with every POST, same-origin
 * form posts included (RFC 6454 §7, the Fetch standard's "serializing a request origin"):
 *
 * - `Sec-Fetch-Site: same-origin` is ours; `none` is a navigation the user started; `same-site`
 *   and `cross-site` are refused.
 * - Without it, an `Origin` must be the site's own (its configured URL, or the origin the
 *   request was made to); `Origin: null` (a sandboxed or privacy-stripped context) is refused.
 * - With neither header, the post is allowed: an old browser posting the form without scripts,
 *   or a non-browser client, both of which the form token and the limits still check.
 */
export function isSameOriginPost(c: Context, siteUrl: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  return origin === new URL(siteUrl).origin || origin === new URL(c.req.url).origin;
}
