/**
 * What a public response tells the caches in front of us (a CDN, Varnish) and the reader's
 * browser: how long each may keep it (`Cache-Control`), and which entities it showed
 * (`Surrogate-Key` for Fastly and Varnish xkey, `Cache-Tag` for Cloudflare; the keys are those of
 * domain/surrogate-keys.ts). Edges keep pages long and are purged by key when something changes;
 * browsers keep them briefly, since nothing can purge a browser.
 *
 * Any handler that answers a public GET tags its response with `tagResponse` (feeds, sitemaps and
 * API reads included): `tagResponse(c, policy, { kind: 'list', keys: [HOME_KEY, ...] })`.
 */
import type { Context } from 'hono';
import { fitKeys } from '../domain/surrogate-keys.js';

export interface EdgePolicy {
  /** `s-maxage` of article pages (seconds). */
  readonly edgeMaxAge: number;
  /** `s-maxage` cap for lists and error answers, whose counts and paths change without a purge. */
  readonly listMaxAge: number;
  /** `s-maxage` of a page with a comment form, whose token ages at the edge (0: not at the edge). */
  readonly formMaxAge: number;
  /** `max-age` for browsers. */
  readonly browserMaxAge: number;
  readonly staleWhileRevalidate: number;
  /** How long an edge may serve a stale copy while Newsdesk cannot answer. */
  readonly staleIfError: number;
  /** Cap on each key header's value, in bytes (Varnish's default line limit is 8 KB). */
  readonly maxKeyBytes: number;
}

export const DEFAULT_EDGE_POLICY: EdgePolicy = Object.freeze({
  edgeMaxAge: 86_400,
  listMaxAge: 300,
  formMaxAge: 60,
  browserMaxAge: 60,
  staleWhileRevalidate: 60,
  staleIfError: 86_400,
  maxKeyBytes: 4_096,
});

/**
 * - `page`: an article page without a form; `form`: one with a comment form (a token inside);
 * - `list`: a listing, a feed, a sitemap; `error`: 404, 410, and redirects;
 * - `private`: per reader (a cookie, a per-request token): never stored by a shared cache.
 */
export type EdgeKind = 'page' | 'form' | 'list' | 'error' | 'private';

export interface EdgeTags {
  readonly kind: EdgeKind;
  readonly keys?: readonly string[];
  /** Epoch ms after which the response is wrong whatever is purged (a comments switch closing). */
  readonly until?: number;
  /** Epoch ms now, for `until`. */
  readonly now?: number;
}

/** The `Cache-Control` value for a response of this kind. */
export function cacheControl(policy: EdgePolicy, tags: EdgeTags): string {
  if (tags.kind === 'private') return 'private, no-cache';
  let edge =
    tags.kind === 'page'
      ? policy.edgeMaxAge
      : tags.kind === 'form'
        ? policy.formMaxAge
        : Math.min(policy.edgeMaxAge, policy.listMaxAge);
  if (tags.until !== undefined && tags.now !== undefined) {
    edge = Math.min(edge, Math.max(0, Math.floor((tags.until - tags.now) / 1000)));
  }
  if (edge <= 0) return 'private, no-cache';
  const browser = Math.min(policy.browserMaxAge, edge);
  return [
    'public',
    `max-age=${browser}`,
    `s-maxage=${edge}`,
    `stale-while-revalidate=${policy.staleWhileRevalidate}`,
    `stale-if-error=${policy.staleIfError}`,
  ].join(', ');
}

/** The header lines for a response: Cache-Control, and the keys when a shared cache may keep it. */
export function edgeHeaders(policy: EdgePolicy, tags: EdgeTags): Array<[string, string]> {
  const control = cacheControl(policy, tags);
  const headers: Array<[string, string]> = [['Cache-Control', control]];
  if (control.startsWith('private')) return headers;
  const keys = fitKeys(tags.keys ?? [], policy.maxKeyBytes);
  headers.push(['Surrogate-Key', keys.join(' ')], ['Cache-Tag', keys.join(',')]);
  return headers;
}

/** Sets the edge headers on a Hono response being built (see the module comment). */
export function tagResponse(c: Context, policy: EdgePolicy, tags: EdgeTags): void {
  for (const [name, value] of edgeHeaders(policy, tags)) c.header(name, value);
}
