import type { Context, MiddlewareHandler } from 'hono';
import type { ReaderFill, TokenSlots } from '../app/comments/token-slots.js';
import { joinParts, type PageParts } from './page-parts.js';

/**
 * A rendered page kept ready to send: headers flattened for `writeHead`, the body as bytes. A
 * page with comment forms keeps its parts (page-parts.ts), split where the tokens and a
 * remembered reader's details go, so a response joins bytes and never searches or re-encodes it.
 */
export interface CachedPage {
  readonly status: number;
  /** `[name, value, name, value, …]`, without Content-Length. */
  readonly rawHeaders: readonly string[];
  readonly etag: string | null;
  /** The whole body, for pages without marks. */
  readonly body: Buffer | null;
  /** The body in parts, for pages with marks (comment forms). */
  readonly parts: PageParts | null;
  /** Bytes this entry holds (body parts and headers), for the cache's byte cap. */
  readonly bytes: number;
  /** The content version read before the page was rendered. */
  readonly version: number;
  /** Epoch ms after which the page must be rendered again (time-based rules, e.g. auto-close). */
  readonly expiresAt: number;
}

export interface PageCacheOptions {
  /** Reads the store's content version (bumped by triggers on every public write). */
  readonly version: () => Promise<number>;
  readonly now: () => number;
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** Total bytes of all entries; the least recently used go first past it (default 16 MiB). */
  readonly maxBytes?: number;
  /** Mints the tokens a split template's marks stand for (comment forms). */
  readonly slots?: Pick<TokenSlots, 'mint'>;
  /** What reader marks become for a request's Cookie header (null: a reader without details). */
  readonly readerFill?: (cookieHeader: string) => ReaderFill | null;
}

/**
 * Query parameters that change what a public page shows. Anything else (utm_source, fbclid, a
 * cache buster) renders the same page, so it is dropped from the key: a stranger cannot fill
 * the cache with one entry per made-up query string.
 */
const PAGE_PARAMETERS: Readonly<Record<string, RegExp>> = {
  cpage: /^[1-9]\d{0,5}$/,
  replyto: /^\d{1,12}$/,
  comment: /^held$/,
  // WordPress's own links (`/?p=123`, `/?page_id=45`) answer with a 301 after an import.
  p: /^\d{1,12}$/,
  page_id: /^\d{1,12}$/,
};

/** The cache key for a request target (`/path?query`): the path and the known parameters. */
export function cacheKey(target: string): string {
  const q = target.indexOf('?');
  if (q === -1) return target;
  const path = target.slice(0, q);
  const params = new URLSearchParams(target.slice(q + 1));
  const kept = new URLSearchParams();
  // Only values the site reads: `?cpage=x` renders page 1, so it must share page 1's entry.
  for (const [name, valid] of Object.entries(PAGE_PARAMETERS)) {
    const value = params.get(name);
    if (value !== null && valid.test(value)) kept.append(name, value);
  }
  const query = kept.toString();
  return query === '' ? path : `${path}?${query}`;
}

/**
 * Rendered public pages, keyed by path and known query parameters. An entry is served only while
 * the store's content version is the one it was rendered at and its time limit has not passed,
 * so writes from any process (triggers bump the version) and time-based rules both invalidate
 * it. Entries and bytes are both capped; the least recently used entry is evicted first.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private heldBytes = 0;
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private served = 0;
  private readonly maxBytes: number;
  /** Keys whose page is being rendered now, each with when that render ends (single-flight). */
  private readonly rendering = new Map<string, Promise<void>>();

  constructor(private readonly opts: PageCacheOptions) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 2_000;
    this.maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
  }

  version(): Promise<number> {
    return this.opts.version();
  }

  now(): number {
    return this.opts.now();
  }

  /** The fill for this request's reader, from their Cookie header (null: nothing to fill). */
  readerFill(cookieHeader: string | undefined): ReaderFill | null {
    return cookieHeader ? (this.opts.readerFill?.(cookieHeader) ?? null) : null;
  }

  /**
   * The chunks to send for a cached page, in order: its body, or its parts with fresh tokens
   * (and this reader's details) between them, sent as they are, so the page is never copied.
   * `cookieHeader` is read only for a page with reader marks.
   */
  async chunksOf(page: CachedPage, cookieHeader?: string): Promise<Buffer[]> {
    if (page.body) return [page.body];
    const parts = page.parts!;
    const reader = parts.readerParts ? this.readerFill(cookieHeader) : null;
    return joinParts(parts, this.opts.slots && ((id) => this.opts.slots!.mint(id)), reader);
  }

  /** True when this request's response fills in the reader's own details (it must be private). */
  personalises(page: CachedPage, cookieHeader: string | undefined): boolean {
    return !!page.parts?.readerParts && this.readerFill(cookieHeader) !== null;
  }

  /** False when the cache keeps nothing (a byte cap of 0): callers skip building entries. */
  get enabled(): boolean {
    return this.maxBytes > 0 && this.maxEntries > 0;
  }

  /**
   * The entry for this request target if it is still valid, checking the store's version. The
   * entry is judged after the version read: if another request stored a page for the key
   * meanwhile, that page is the one served when it is current (dropping back to a miss made
   * every waiting reader render again while renders kept replacing the entry: a stampede).
   */
  async lookup(target: string): Promise<CachedPage | null> {
    const key = cacheKey(target);
    if (!this.entries.has(key)) return null;
    const version = await this.opts.version();
    const entry = this.entries.get(key);
    if (!entry) return null;
    const fresh = entry.expiresAt > this.opts.now();
    if (!fresh || entry.version !== version) {
      // A page rendered at a newer version than the one read here is left for the next lookup.
      if (!fresh || entry.version < version) this.remove(key);
      return null;
    }
    // Refresh recency for the LRU order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.served++;
    return entry;
  }

  /**
   * Marks a render of `target` as in flight until the returned function is called (stored or
   * not); other requests for the same key wait for it (`renderOf`) instead of rendering too. A
   * render started while one is in flight marks nothing: only the first is waited for.
   */
  claimRender(target: string): () => void {
    const key = cacheKey(target);
    if (this.rendering.has(key)) return () => {};
    let end: () => void = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.rendering.set(key, ended);
    return () => {
      if (this.rendering.get(key) === ended) this.rendering.delete(key);
      end();
    };
  }

  /** When the render in flight for `target` ends; null when none is. */
  renderOf(target: string): Promise<void> | null {
    return this.rendering.get(cacheKey(target)) ?? null;
  }

  /**
   * A cached page as a Response (for a request that waited for another's render of it): the
   * same bytes, tokens and reader fill as the fast path sends.
   */
  async responseFor(page: CachedPage, cookieHeader: string | undefined): Promise<Response> {
    const chunks = await this.chunksOf(page, cookieHeader);
    const raw = this.personalises(page, cookieHeader)
      ? privateHeaders(page.rawHeaders)
      : page.rawHeaders;
    const headers = new Headers();
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '');
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    return new Response(body.length === 0 ? null : new Uint8Array(body), {
      status: page.status,
      headers,
    });
  }

  /** Builds the entry for a rendered response; a split template keeps its parts. */
  entryFor(page: {
    status: number;
    headers: ReadonlyArray<readonly [string, string]>;
    html: string;
    template: PageParts | undefined;
    version: number;
    expiresAt: number;
  }): CachedPage {
    const split = page.template ?? null;
    const rawHeaders: string[] = [];
    for (const [name, value] of page.headers) {
      // A page with tokens has no validator: a 304 would keep a reader on an old token.
      if (name === 'content-length' || (split && name === 'etag')) continue;
      rawHeaders.push(name, value);
    }
    const body = split ? null : ownBytes(page.html);
    const bytes = (body?.length ?? split!.bytes) + rawHeaders.reduce((n, h) => n + h.length, 0);
    return {
      status: page.status,
      rawHeaders,
      etag: split ? null : (page.headers.find(([n]) => n === 'etag')?.[1] ?? null),
      body,
      parts: split,
      bytes,
      version: page.version,
      expiresAt: page.expiresAt,
    };
  }

  store(target: string, page: CachedPage): void {
    const key = cacheKey(target);
    if (page.bytes > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, page);
    this.heldBytes += page.bytes;
    while (this.entries.size > this.maxEntries || this.heldBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many lookups found a valid page (for operators and tests). */
  get hits(): number {
    return this.served;
  }

  get bytes(): number {
    return this.heldBytes;
  }
}

export type CacheVariables = {
  /** Set by a handler: the page must not be cached (e.g. it carries a per-request token). */
  noCache?: boolean;
  /** Set by a handler: epoch ms when the page stops being valid regardless of writes. */
  cacheUntil?: number;
  /** Set by a handler whose response was filled per request: the page's parts to cache instead. */
  cacheTemplate?: PageParts;
  /** Set by a handler that filled a reader's own details in: this response is theirs alone. */
  personal?: boolean;
};

/**
 * A response carrying one reader's details (their remembered name in the comment form) must not
 * be kept by a shared cache, whatever the page it was filled into says: the stored page keeps its
 * own headers, and only this response is made private.
 */
export function privateHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    if (name === 'surrogate-key' || name === 'cache-tag') continue;
    out.push(raw[i] ?? '', name === 'cache-control' ? 'private, no-cache' : (raw[i + 1] ?? ''));
  }
  return out;
}

/**
 * The text's UTF-8 bytes in memory of their own. `Buffer.from` puts a short string in a slice of
 * a shared 8 KiB pool, so a kept 301 or short page would hold a whole pool block while counting
 * a few bytes against the byte cap.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

const CACHEABLE = new Set([200, 301, 404, 410]);

/** Stores the responses of GET requests in the cache (the server's fast path serves them). */
export function cachePages(
  cache: PageCache | null,
): MiddlewareHandler<{ Variables: CacheVariables }> {
  return async function storeRenderedPage(c, next) {
    // Pages never depend on the reader's cookie: what a form shows of a remembered reader is a
    // mark each response fills (token-slots.ts), so a cookie reader's render is everyone's page.
    if (!cache?.enabled || c.req.method !== 'GET') {
      await next();
      keepPrivate(c);
      return;
    }
    const url = new URL(c.req.url);
    const target = url.pathname + url.search;
    // Single-flight: while a render of this page is in flight, wait for it and send what it
    // stored, rather than render the same page once per waiting reader (a stampede on a page
    // under load that nobody had asked for, or right after a write). When that render stored
    // nothing (a page that is never kept, a newer write), the waiters render as before.
    // A render that ended since the fast path looked may have stored the page already.
    let page = await cache.lookup(target);
    if (!page) {
      const inFlight = cache.renderOf(target);
      if (inFlight) {
        await inFlight;
        page = await cache.lookup(target);
      }
    }
    if (page) {
      c.res = await cache.responseFor(page, c.req.header('cookie'));
      return;
    }
    // No await between the last check and the claim: the next request sees it.
    const release = cache.claimRender(target);
    try {
      await renderAndStore(c, next, cache, target);
    } finally {
      release();
    }
  };
}

async function renderAndStore(
  c: Context<{ Variables: CacheVariables }>,
  next: () => Promise<void>,
  cache: PageCache,
  target: string,
): Promise<void> {
  const version = await cache.version();
  await next();
  if (!CACHEABLE.has(c.res.status) || c.get('noCache') || c.res.headers.has('set-cookie')) {
    keepPrivate(c);
    return;
  }
  const template = c.get('cacheTemplate');
  const entry = cache.entryFor({
    status: c.res.status,
    headers: [...c.res.headers.entries()],
    html: template === undefined ? await c.res.clone().text() : '',
    template,
    version,
    expiresAt: Math.min(cache.now() + cache.ttlMs, c.get('cacheUntil') ?? Infinity),
  });
  cache.store(target, entry);
  keepPrivate(c);
}

/** After the page is stored with its own headers: this reader's copy goes out private. */
function keepPrivate(c: Context<{ Variables: CacheVariables }>): void {
  if (!c.get('personal')) return;
  c.res.headers.set('Cache-Control', 'private, no-cache');
  c.res.headers.delete('Surrogate-Key');
  c.res.headers.delete('Cache-Tag');
}
