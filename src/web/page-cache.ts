import type { MiddlewareHandler } from 'hono';

export interface CachedPage {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
  readonly etag: string | null;
  /** The content version read before the page was rendered. */
  readonly version: number;
  /** Epoch ms after which the page must be rendered again (time-based rules, e.g. auto-close). */
  readonly expiresAt: number;
  /** The body holds per-request placeholders (form tokens) to fill before sending. */
  readonly dynamic: boolean;
}

export interface PageCacheOptions {
  /** Reads the store's content version (bumped by triggers on every public write). */
  readonly version: () => Promise<number>;
  readonly now: () => number;
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** Fills per-request placeholders into a dynamic page's body. */
  readonly fill?: (template: string) => Promise<string>;
}

/** Requests carrying one of our cookies may see personalised pages: never cached or served. */
export const isPersonalised = (cookieHeader: string | undefined | null): boolean =>
  !!cookieHeader && /(?:^|;\s*)newsdesk_/.test(cookieHeader);

/**
 * Rendered public pages, keyed by path and query. An entry is served only while the store's
 * content version is the one it was rendered at and its time limit has not passed, so writes from
 * any process (triggers bump the version) and time-based rules both invalidate it.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private served = 0;

  constructor(private readonly opts: PageCacheOptions) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 2_000;
  }

  version(): Promise<number> {
    return this.opts.version();
  }

  now(): number {
    return this.opts.now();
  }

  /** The bytes to send for a cached page: its body, with placeholders filled when dynamic. */
  async bodyOf(page: CachedPage): Promise<string> {
    return page.dynamic && this.opts.fill ? this.opts.fill(page.body) : page.body;
  }

  /** The entry for this key if it is still valid, checking the store's version. */
  async lookup(key: string): Promise<CachedPage | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.opts.now() || entry.version !== (await this.opts.version())) {
      this.entries.delete(key);
      return null;
    }
    // Refresh recency for the LRU order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.served++;
    return entry;
  }

  store(key: string, page: CachedPage): void {
    this.entries.delete(key);
    this.entries.set(key, page);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many lookups found a valid page (for operators and tests). */
  get hits(): number {
    return this.served;
  }
}

export type CacheVariables = {
  /** Set by a handler: the page must not be cached (e.g. it carries a per-request token). */
  noCache?: boolean;
  /** Set by a handler: epoch ms when the page stops being valid regardless of writes. */
  cacheUntil?: number;
  /** Set by a handler whose response was filled per request: the body to cache instead. */
  cacheTemplate?: string;
};

const CACHEABLE = new Set([200, 301, 404, 410]);

/** Stores the responses of GET requests in the cache (the server's fast path serves them). */
export function cachePages(
  cache: PageCache | null,
): MiddlewareHandler<{ Variables: CacheVariables }> {
  return async function storeRenderedPage(c, next) {
    if (!cache || c.req.method !== 'GET' || isPersonalised(c.req.header('cookie'))) return next();
    const version = await cache.version();
    await next();
    if (!CACHEABLE.has(c.res.status) || c.get('noCache') || c.res.headers.has('set-cookie')) return;
    const url = new URL(c.req.url);
    const headers = [...c.res.headers.entries()];
    const template = c.get('cacheTemplate');
    cache.store(url.pathname + url.search, {
      status: c.res.status,
      headers,
      body: template ?? (await c.res.clone().text()),
      dynamic: template !== undefined,
      etag: c.res.headers.get('etag'),
      version,
      expiresAt: Math.min(cache.now() + cache.ttlMs, c.get('cacheUntil') ?? Infinity),
    });
  };
}
