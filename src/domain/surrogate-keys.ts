/**
 * Surrogate keys: the names a response is tagged with at the edge (a CDN or Varnish), so that a
 * change purges exactly the cached responses that showed what changed. A key names one entity
 * a render read, or one list whose membership it read. Keys are short because every response
 * carries them and the edges cap the header (Fastly 16 KB in all and 1 KB per key, Cloudflare
 * 16 KB, Varnish 8 KB per header line by default).
 *
 * | key        | tags                                                                |
 * | ---------- | ------------------------------------------------------------------- |
 * | `a<id>`    | article `id`'s own responses: its page, its discussion feed         |
 * | `s<id>`    | every response that shows article `id`'s summary (a list's card)    |
 * | `t<id>`    | every response that shows term `id`'s name or description          |
 * | `u<id>`    | every response that shows author `id`'s name or bio                 |
 * | `home`     | the front page and its pages (the site-wide list), site-wide feeds  |
 * | `lt<id>`   | the lists of term `id` (a category list tags its subcategories too) |
 * | `lu<id>`   | the lists of author `id`                                            |
 * | `nf`       | answers that depend on which paths exist: 404, 410, 301             |
 * | `aa` `ss` `tt` `uu` | the fallback of a response that showed too many of one family to name them |
 * | `all`      | every response (an operator's "purge everything")                   |
 *
 * A discussion change (an approved comment) purges `a<id>` only: the lists show a comment count
 * but are not purged for it (they have a short edge lifetime instead), so a busy thread does not
 * keep emptying the front page. An edit purges `a<id>` and `s<id>`.
 *
 * The fallbacks keep a huge response (a sitemap of 50,000 stories) correct within the header
 * limit: it carries `ss` instead of each `s<id>`, and every article change purges `ss` as well.
 */

export const HOME_KEY = 'home';
export const PATHS_KEY = 'nf';
export const ALL_KEY = 'all';
export const ANY_ARTICLE_KEY = 'aa';
export const ANY_SUMMARY_KEY = 'ss';
export const ANY_TERM_KEY = 'tt';
export const ANY_AUTHOR_KEY = 'uu';

export const articleKey = (id: number): string => `a${id}`;
export const summaryKey = (id: number): string => `s${id}`;
export const termKey = (id: number): string => `t${id}`;
export const authorKey = (id: number): string => `u${id}`;
export const termListKey = (id: number): string => `lt${id}`;
export const authorListKey = (id: number): string => `lu${id}`;

/** What every key looks like: letters then digits, or one of the named keys. */
export const SURROGATE_KEY_PATTERN = /^(?:a|s|t|u|lt|lu)\d{1,15}$|^(?:home|nf|all|aa|ss|tt|uu)$/;

export const isSurrogateKey = (value: string): boolean => SURROGATE_KEY_PATTERN.test(value);

/** Which fallback stands for a family of per-entity keys. */
const FALLBACKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^s\d/, ANY_SUMMARY_KEY],
  [/^a\d/, ANY_ARTICLE_KEY],
  [/^t\d/, ANY_TERM_KEY],
  [/^u\d/, ANY_AUTHOR_KEY],
];

/** Bytes of the keys joined by one separator byte each. */
const joinedBytes = (keys: readonly string[]): number =>
  keys.reduce((n, k) => n + k.length, 0) + Math.max(0, keys.length - 1);

/**
 * The keys to send, deduplicated, in order, and short enough to join within `maxBytes`. When
 * they are too many, the most numerous family goes first (summaries, articles, terms, then authors)
 * to its fallback key; if even that does not fit, the response is tagged `all` alone.
 * `all` is always present, so an operator can always empty the edge.
 */
export function fitKeys(keys: readonly string[], maxBytes: number): string[] {
  let kept = [...new Set([...keys, ALL_KEY])];
  for (const [family, fallback] of FALLBACKS) {
    if (joinedBytes(kept) <= maxBytes) return kept;
    const rest = kept.filter((k) => !family.test(k));
    if (rest.length !== kept.length) kept = [...new Set([...rest, fallback])];
  }
  return joinedBytes(kept) <= maxBytes ? kept : [ALL_KEY];
}

/** Splits a purge into batches of at most `size` keys (the APIs cap one call). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
