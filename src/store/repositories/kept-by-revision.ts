/**
 * Reads kept between requests, each with the revision it was read at: a row the database's own
 * triggers bump on every change a reader could see, from any process or raw SQL (an article's
 * discussion: migration 0022; an article page's own rows: migration 0027). A read asks the one
 * revision row first and reuses what it kept when that is unchanged, so a page render maps no
 * rows unless what they hold changed; writes elsewhere on the site leave it valid.
 */

/** What a revision read gives; compared with `===`. */
export type Revision = number | string;

interface Kept<V> {
  readonly revision: Revision;
  readonly value: Promise<V>;
}

export interface KeptByRevision<K, V> {
  /**
   * The value for `key`: the kept one when `revision()` still gives what it was read at, else
   * `load()`'s (read after the revision, so what is kept is never older than its revision).
   */
  get(key: K, revision: () => Promise<Revision>, load: () => Promise<V>): Promise<V>;
  readonly size: number;
}

/** At most `max` values kept; the least recently read is dropped first. */
export function keptByRevision<K, V>(max: number): KeptByRevision<K, V> {
  const kept = new Map<K, Kept<V>>();
  return {
    async get(key, revision, load) {
      const now = await revision();
      let entry = kept.get(key);
      if (entry && entry.revision === now) {
        kept.delete(key);
        kept.set(key, entry);
        return entry.value;
      }
      const value = load();
      entry = { revision: now, value };
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
