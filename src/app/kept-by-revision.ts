/**
 * Reads kept between requests, each with the revision it was read at: a row the database's own
 * triggers bump on every change a reader could see, from any process or raw SQL (an article's
 * discussion: migration 0022; an article page's own rows: migration 0027). A read asks the one
 * revision row first and reuses what it kept when that is unchanged, so a page render maps no
 * rows unless what they hold changed; writes elsewhere on the site leave it valid. The site's
 * navigation and related stories are kept the same way with the content version as their revision
 * and an age limit (app/site/version-memo.ts).
 */

/** What a revision read gives; compared with `===`. */
export type Revision = number | string;

interface Kept<V> {
  readonly revision: Revision;
  readonly at: number;
  readonly value: Promise<V>;
}

export interface KeptByRevisionOptions {
  /** Most values kept; the least recently read is dropped first. */
  readonly max: number;
  /** Longest a value is kept even when its revision is unchanged (none unless given). */
  readonly maxAgeMs?: number;
  /** Milliseconds since the epoch, for `maxAgeMs` (the app's clock). */
  readonly now?: () => number;
}

export interface KeptByRevision<K, V> {
  /**
   * The value for `key`: the kept one when `revision()` still gives what it was read at, else
   * `load()`'s (read after the revision, so what is kept is never older than its revision).
   */
  get(key: K, revision: () => Promise<Revision>, load: () => Promise<V>): Promise<V>;
  readonly size: number;
}

export function keptByRevision<K, V>(opts: KeptByRevisionOptions): KeptByRevision<K, V> {
  const { max, maxAgeMs = Infinity, now = Date.now } = opts;
  const kept = new Map<K, Kept<V>>();
  // A clock that went back does not make an old value look young.
  const young = (at: number, t: number) => t >= at && t - at < maxAgeMs;
  return {
    async get(key, revision, load) {
      const current = await revision();
      const t = maxAgeMs === Infinity ? 0 : now();
      let entry = kept.get(key);
      if (entry && entry.revision === current && young(entry.at, t)) {
        kept.delete(key);
        kept.set(key, entry);
        return entry.value;
      }
      const value = load();
      entry = { revision: current, at: t, value };
      kept.delete(key);
      kept.set(key, entry);
      // A failed read is not kept: the next one asks the database again.
      value.catch(() => {
        if (kept.get(key)?.value === value) kept.delete(key);
      });
      while (kept.size > max) {
        const oldest = kept.keys().next().value;
        if (oldest === undefined) break;
        kept.delete(oldest);
      }
      return value;
    },
    get size() {
      return kept.size;
    },
  };
}
