import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cacheKey, cachePages, PageCache, type CacheVariables } from './page-cache.js';
import { pageParts } from './page-parts.js';

function setup() {
  let version = 1;
  let now = 1_000;
  const cache = new PageCache({
    version: async () => version,
    now: () => now,
    ttlMs: 100,
    maxEntries: 2,
  });
  const app = new Hono<{ Variables: CacheVariables }>();
  app.use(cachePages(cache));
  app.get('/page/:n', (c) => c.html(`page ${c.req.param('n')}`));
  app.get('/token', (c) => {
    c.set('noCache', true);
    return c.html('per-request');
  });
  app.get('/until', (c) => {
    c.set('cacheUntil', now + 10);
    return c.html('short-lived');
  });
  return {
    cache,
    app,
    bump: () => version++,
    advance: (ms: number) => (now += ms),
  };
}

describe('page cache', () => {
  it('stores GET pages and serves them while the content version holds', async () => {
    const { cache, app, bump } = setup();
    await app.request('/page/1');
    expect((await cache.lookup('/page/1'))?.body?.toString()).toBe('page 1');
    bump();
    expect(await cache.lookup('/page/1')).toBeNull();
  });

  it('drops entries after their time-to-live or their own deadline', async () => {
    const { cache, app, advance } = setup();
    await app.request('/page/1');
    await app.request('/until');
    advance(11);
    expect(await cache.lookup('/until')).toBeNull();
    expect(await cache.lookup('/page/1')).not.toBeNull();
    advance(100);
    expect(await cache.lookup('/page/1')).toBeNull();
  });

  it('builds no entry at all when its byte cap is 0', async () => {
    const cache = new PageCache({ version: async () => 1, now: () => 0, maxBytes: 0 });
    const app = new Hono<{ Variables: CacheVariables }>();
    let versionReads = 0;
    app.use(cachePages(cache));
    app.get('/p', (c) => c.html('page'));
    const spy = cache.version.bind(cache);
    cache.version = () => {
      versionReads++;
      return spy();
    };
    expect(await (await app.request('/p')).text()).toBe('page');
    expect([cache.enabled, cache.size, versionReads]).toEqual([false, 0, 0]);
  });

  it('never stores a response marked per-request', async () => {
    const { cache, app } = setup();
    await app.request('/token');
    expect(cache.size).toBe(0);
  });

  it("stores a cookie reader's page as everyone's: pages never read the cookie", async () => {
    const { cache, app } = setup();
    await app.request('/page/2', { headers: { cookie: 'a=b; newsdesk_commenter=x' } });
    expect((await cache.lookup('/page/2'))?.body?.toString()).toBe('page 2');
  });

  it('evicts the least recently used page beyond its size', async () => {
    const { cache, app } = setup();
    await app.request('/page/1');
    await app.request('/page/2');
    await cache.lookup('/page/1');
    await app.request('/page/3');
    expect(await cache.lookup('/page/2')).toBeNull();
    expect(await cache.lookup('/page/1')).not.toBeNull();
  });
});

describe('page cache bounds', () => {
  it('keys pages by path and the parameters that change them, dropping any other', () => {
    expect(cacheKey('/a/?utm_source=x&cpage=2&fbclid=y')).toBe('/a/?cpage=2');
    expect(cacheKey('/a/?x=1')).toBe('/a/');
    expect(cacheKey('/a/?replyto=3')).toBe('/a/?replyto=3');
    // Values the site would not read render the plain page, so they share its entry.
    expect(cacheKey('/a/?cpage=x1')).toBe('/a/');
    expect(cacheKey('/a/?cpage=0&replyto=me&comment=spam')).toBe('/a/');
    expect(cacheKey('/a/?comment=held&cpage=2')).toBe('/a/?cpage=2&comment=held');
  });

  it('serves one entry for every made-up query string', async () => {
    const { cache, app } = setup();
    await app.request('/page/1?bust=1');
    for (let i = 0; i < 50; i++) expect(await cache.lookup(`/page/1?bust=${i}`)).not.toBeNull();
    expect(cache.size).toBe(1);
  });

  it('keeps a page stored by another request while a lookup awaited the version', async () => {
    let resolveVersion: (v: number) => void = () => {};
    const cache = new PageCache({
      version: () => new Promise<number>((r) => (resolveVersion = r)),
      now: () => 0,
    });
    const page = (version: number) =>
      cache.entryFor({
        status: 200,
        headers: [],
        html: `v${version}`,
        template: undefined,
        version,
        expiresAt: 1e12,
      });
    cache.store('/p', page(1));
    const looking = cache.lookup('/p');
    cache.store('/p', page(2)); // a render finished meanwhile
    resolveVersion(2);
    // The page stored meanwhile is current: it is served, not thrown away.
    expect((await looking)?.version).toBe(2);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(2);
  });

  it('serves waiting readers the page a render stored meanwhile, and keeps a newer one', async () => {
    let version = 3;
    const waiting: (() => void)[] = [];
    const cache = new PageCache({
      version: () => new Promise<number>((r) => waiting.push(() => r(version))),
      now: () => 0,
    });
    const page = (v: number) =>
      cache.entryFor({
        status: 200,
        headers: [],
        html: `v${v}`,
        template: undefined,
        version: v,
        expiresAt: 1e12,
      });
    cache.store('/p', page(2)); // outdated by a write (version 3)
    const readers = Array.from({ length: 20 }, () => cache.lookup('/p'));
    cache.store('/p', page(3)); // the first render after the write finishes
    for (const go of waiting.splice(0)) go();
    const served = await Promise.all(readers);
    expect(served.every((p) => p?.version === 3)).toBe(true);
    expect(cache.hits).toBe(20);

    // A lookup that read an older version than the stored page does not evict it.
    version = 3;
    cache.store('/p', page(4));
    const stale = cache.lookup('/p');
    for (const go of waiting.splice(0)) go();
    expect(await stale).toBeNull();
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(2);
  });

  it('renders a page once for every reader who asks while its render is in flight', async () => {
    const cache = new PageCache({ version: async () => 1, now: () => 0 });
    const app = new Hono<{ Variables: CacheVariables }>();
    app.use(cachePages(cache));
    let renders = 0;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    app.get('/slow', async (c) => {
      renders++;
      await gate;
      return c.html('the slow page', 200, { 'X-Kind': 'slow' });
    });
    const responses = Array.from({ length: 10 }, () => app.request('/slow'));
    await new Promise((resolve) => setImmediate(resolve));
    open();
    const done = await Promise.all(responses);
    expect(renders).toBe(1);
    expect(cache.hits).toBe(9);
    for (const res of done) {
      expect(res.status).toBe(200);
      expect(res.headers.get('x-kind')).toBe('slow');
      expect(await res.text()).toBe('the slow page');
    }
  });

  it('lets waiting readers render for themselves when the render they waited for kept nothing', async () => {
    const cache = new PageCache({ version: async () => 1, now: () => 0 });
    const app = new Hono<{ Variables: CacheVariables }>();
    app.use(cachePages(cache));
    let renders = 0;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    app.get('/mine', async (c) => {
      renders++;
      await gate;
      c.set('noCache', true);
      return c.html(`render ${renders}`);
    });
    const responses = Array.from({ length: 3 }, () => app.request('/mine'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(renders).toBe(1);
    open();
    const bodies = await Promise.all(responses.map(async (r) => (await r).text()));
    expect(renders).toBe(3);
    expect(bodies.every((b) => b.startsWith('render '))).toBe(true);
    expect(cache.size).toBe(0);
    expect(cache.renderOf('/mine')).toBeNull();
  });

  it('evicts the least recently used pages past its byte cap', async () => {
    const cache = new PageCache({ version: async () => 1, now: () => 0, maxBytes: 2_500 });
    const page = (n: number) =>
      cache.entryFor({
        status: 200,
        headers: [['content-type', 'text/html']],
        html: String(n).repeat(1_000),
        template: undefined,
        version: 1,
        expiresAt: 1e12,
      });
    cache.store('/1', page(1));
    cache.store('/2', page(2));
    await cache.lookup('/1'); // now the most recent
    cache.store('/3', page(3));
    expect(await cache.lookup('/2')).toBeNull();
    expect(await cache.lookup('/1')).not.toBeNull();
    expect(await cache.lookup('/3')).not.toBeNull();
    expect(cache.bytes).toBeLessThanOrEqual(2_500);
  });
});

describe('page cache reader marks', () => {
  const template = {
    parts: ['<p>', '</p><input value="', '"><input value="', '"', '/>'],
    slots: [7, 'name', 'email', 'remember'] as const,
  };
  const cacheWith = () =>
    new PageCache({
      version: async () => 1,
      now: () => 0,
      slots: { mint: async (id: number) => `tok${id}` },
      readerFill: (cookie) =>
        cookie.includes('me=1')
          ? { name: 'Ann &amp; Bo', email: 'ann@x', url: '', remember: ' checked=""' }
          : null,
    });
  const entry = (cache: PageCache) =>
    cache.entryFor({
      status: 200,
      headers: [],
      html: '',
      template: pageParts({ parts: template.parts, slots: [...template.slots] }),
      version: 1,
      expiresAt: 1e12,
    });
  const send = async (cache: PageCache, cookie?: string) =>
    Buffer.concat(await cache.chunksOf(entry(cache), cookie)).toString();

  it("fills a reader's details for that request only, and nothing for anyone else", async () => {
    const cache = cacheWith();
    expect(await send(cache, 'me=1')).toBe(
      '<p>tok7</p><input value="Ann &amp; Bo"><input value="ann@x" checked=""/>',
    );
    expect(await send(cache)).toBe('<p>tok7</p><input value=""><input value=""/>');
    expect(await send(cache, 'other=1')).toBe('<p>tok7</p><input value=""><input value=""/>');
  });

  it('holds the page once: both splits are views of the same bytes', () => {
    const page = entry(cacheWith());
    const length = template.parts.join('').length;
    expect(page.bytes).toBe(length);
    const { parts, readerParts } = page.parts!;
    const buffers = new Set([...parts, ...readerParts!].map((p) => p.buffer));
    expect(buffers.size).toBe(1);
    // In memory of its own: exactly the page's bytes, not a slice of a shared slab.
    expect([...buffers][0]!.byteLength).toBe(length);
    expect(parts.length).toBe(2);
    expect(readerParts?.length).toBe(5);
  });
});
