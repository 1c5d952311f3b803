/**
 * A memo bounded both by its number of entries and by the bytes its values hold, as counted by
 * the caller (a string's characters, an encoding's length): past either bound the least recently
 * used entries go first, so what a busy site keeps stays within a fixed budget however many
 * articles it has. A value larger than the whole byte bound is not kept.
 */
export interface BoundedMemo<V> {
  /** The value kept for `key` (now the most recently used), or undefined. */
  get(key: string): V | undefined;
  /** Keeps `value` for `key` in place of any older one, counted as `bytes`. */
  set(key: string, value: V, bytes: number): void;
  /** Entries held and the bytes they were counted as. */
  stats(): { readonly entries: number; readonly bytes: number };
}

export interface MemoBounds {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

interface Entry<V> {
  readonly value: V;
  readonly bytes: number;
}

export function boundedMemo<V>(bounds: MemoBounds): BoundedMemo<V> {
  // A Map iterates in insertion order: re-inserting on a hit keeps the oldest use first.
  const entries = new Map<string, Entry<V>>();
  let held = 0;
  const drop = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    held -= entry.bytes;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, bytes) {
      drop(key);
      if (bytes > bounds.maxBytes || bounds.maxEntries < 1) return;
      entries.set(key, { value, bytes });
      held += bytes;
      for (const oldest of entries.keys()) {
        if (entries.size <= bounds.maxEntries && held <= bounds.maxBytes) break;
        drop(oldest);
      }
    },
    stats: () => ({ entries: entries.size, bytes: held }),
  };
}
