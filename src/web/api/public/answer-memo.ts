/**
 * The public API's answers kept in memory by the page cache's rules (README "The public site"):
 * an answer is served again only while the store's content version is the one read before it was
 * built (so a write from any process invalidates it), for at most `ttlMs`, and never past its
 * own expiry (an unpublish-at time). Keyed by the path and the validated query; at most
 * `maxEntries`, the least recently used evicted first.
 */
export interface MemoAnswer {
  readonly body: string;
  readonly etag: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly version: number;
  readonly expiresAt: number;
}

export class AnswerMemo {
  private readonly entries = new Map<string, MemoAnswer>();
  constructor(
    private readonly opts: {
      readonly now: () => number;
      readonly ttlMs?: number;
      readonly maxEntries?: number;
    },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  lookup(key: string, version: number): MemoAnswer | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.version !== version || entry.expiresAt <= this.opts.now()) {
      if (entry.version < version || entry.expiresAt <= this.opts.now()) this.entries.delete(key);
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  store(key: string, answer: Omit<MemoAnswer, 'expiresAt'>, until?: number): void {
    const ttl = this.opts.now() + (this.opts.ttlMs ?? 60_000);
    const expiresAt = until === undefined ? ttl : Math.min(ttl, until);
    this.entries.delete(key);
    this.entries.set(key, { ...answer, expiresAt });
    const max = this.opts.maxEntries ?? 1000;
    while (this.entries.size > max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
