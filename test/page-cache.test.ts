import { afterEach, expect, it } from 'vitest';
import { openStore } from '../src/store/database.js';
import { repositories } from '../src/store/repositories/index.js';
import { permalinkPath } from '../src/domain/permalink.js';
import { renderVisitorMarkdown } from '../src/render/markdown.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';
import { rememberCookie } from '../src/web/comments/remember-cookie.js';

describeEachDialect('page cache', (dialect) => {
  let site: SiteHarness | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  /**
   * A fresh site's first render also creates the comment-form secret, a write that outdates the
   * page being rendered; the second render is the first one the cache can keep.
   */
  const warm = async (path: string) => {
    await site!.get(path);
    await site!.get(path);
  };

  /** Fetches `path` and says whether the cache answered it (its hit count moved). */
  const fetchCounting = async (path: string, init?: RequestInit) => {
    const cache = site!.server.cache;
    const before = cache.hits;
    const res = await site!.get(path, init);
    return { res, hit: cache.hits > before };
  };

  const comment = (articleId: number, text: string) => ({
    articleId,
    kind: 'comment' as const,
    protocol: null,
    type: 'comment' as const,
    status: 'approved' as const,
    parentId: null,
    authorName: 'Reader',
    authorUrl: null,
    authorEmail: null,
    authorIp: null,
    authorUserAgent: null,
    sourceUrl: null,
    sourceKey: null,
    targetUrl: null,
    title: null,
    contentHtml: renderVisitorMarkdown(text),
    contentSource: text,
    verification: 'not-required' as const,
  });

  it('serves a write from another process on the very next request', async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Cached story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    const first = await fetchCounting(path);
    expect(first.hit).toBe(false);
    expect(await first.res.text()).not.toContain('first remark');
    await site.get(path);
    const second = await fetchCounting(path);
    expect(second.hit).toBe(true);
    expect(await second.res.text()).not.toContain('first remark');
    // A second connection stands in for another app or worker process.
    const other = openStore(site.rt.config.database);
    try {
      await repositories(other.db).discussion.insert(
        comment(article.id, 'first remark'),
        new Date(),
      );
    } finally {
      await other.close();
    }
    const after = await fetchCounting(path);
    expect(after.hit).toBe(false);
    expect(await after.res.text()).toContain('first remark');
    expect((await fetchCounting(path)).hit).toBe(true);
  });

  it('renders a page nobody had asked for once, however many readers ask for it at once', async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const author = await anAuthor(deps);
    const first = (await anArticle(deps, author, { title: 'Warm story' })).article;
    const { article } = await anArticle(deps, author, { title: 'Sudden story' });
    const pathOf = (a: typeof article) =>
      permalinkPath(a.slug, a.publishedAt ?? new Date(), 'Europe/London');
    await warm(pathOf(first)); // creates the comment-form secret, a write of its own
    const before = site.server.cache.hits;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => site!.get(pathOf(article))),
    );
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Sudden story');
    }
    // One render; every other reader got the page it stored.
    expect(site.server.cache.hits - before).toBe(19);
  });

  it('sends the request id with a page served from the cache, as with a render', async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Traced story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    await warm(path);
    const cached = await fetchCounting(path, { headers: { 'X-Request-Id': 'edge-42' } });
    expect(cached.hit).toBe(true);
    expect(cached.res.headers.get('x-request-id')).toBe('edge-42');
    expect(cached.res.headers.get('content-security-policy')).toContain("script-src 'none'");
    await cached.res.arrayBuffer();
    const hostile = await fetchCounting(path, { headers: { 'X-Request-Id': 'a b;c' } });
    expect(hostile.hit).toBe(true);
    expect(hostile.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('re-renders when a time-based rule closes the comments', async () => {
    let now = new Date('2026-05-01T12:00:00Z');
    site = await startSite(dialect, { clock: () => now });
    const deps = site.rt.deps;
    const { updateSiteSettings } = await import('../src/app/site-settings.js');
    await updateSiteSettings(deps.repos.settings, { discussion: { closeCommentsAfterDays: 2 } });
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Ageing story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? now, 'Europe/London');
    await warm(path);
    const cached = await fetchCounting(path);
    expect(cached.hit).toBe(true);
    expect(await cached.res.text()).toContain('Comments, trackbacks and pingbacks are open.');
    now = new Date('2026-05-03T12:00:01Z');
    const closed = await fetchCounting(path);
    expect(closed.hit).toBe(false);
    expect(await closed.res.text()).toContain(
      'Comments are closed, but trackbacks and pingbacks are open.',
    );
  });

  it('gives every response a comment-form token of its own second, cached or not, and no validator', async () => {
    let now = new Date('2026-05-01T12:00:00Z');
    site = await startSite(dialect, { clock: () => now });
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Open story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? now, 'Europe/London');
    const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];
    await warm(path);
    const first = await site.get(path);
    // A 304 would keep a reader on an old token, so a page with a form has no ETag.
    expect(first.headers.get('etag')).toBeNull();
    const t1 = tokenOf(await first.text());
    now = new Date(now.getTime() + 5_000);
    const second = await fetchCounting(path);
    expect(second.hit).toBe(true);
    const t2 = tokenOf(await second.res.text());
    expect(t1).toMatch(new RegExp(`^${article.id}\\.${Date.parse('2026-05-01T12:00:00Z')}\\.`));
    expect(t2).toMatch(new RegExp(`^${article.id}\\.${Date.parse('2026-05-01T12:00:05Z')}\\.`));
    now = new Date(now.getTime() + 400);
    // Within the same second, responses share one token (one HMAC a second per article).
    const t3 = tokenOf(await (await site.get(path)).text());
    expect(t3).toBe(t2);
    expect((await site.get(path, { headers: { 'if-none-match': '*' } })).status).toBe(200);
  });

  it('fills only the form, never a comment that quotes a token mark', async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Quoted story' });
    const quoted = `__newsdesk_form_token_${article.id}__`;
    await deps.repos.discussion.insert(comment(article.id, `look: \`${quoted}\``), new Date());
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    for (const response of [await site.get(path), await site.get(path)]) {
      const html = await response.text();
      expect(html).toContain(quoted);
      expect(html).toMatch(/name="token" value="\d+\.\d+\.[\w-]{43}"/);
      expect(html).not.toMatch(/__newsdesk_token_/);
    }
  });

  it('answers 304 from the cache when the ETag matches, and for If-None-Match: *', async () => {
    site = await startSite(dialect);
    const first = await site.get('/');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetchCounting('/', { headers: { 'if-none-match': etag } });
    expect(again.hit).toBe(true);
    expect(again.res.status).toBe(304);
    expect(again.res.headers.get('content-security-policy')).toContain("script-src 'none'");
    const any = await fetchCounting('/', { headers: { 'if-none-match': '*' } });
    expect([any.hit, any.res.status]).toEqual([true, 304]);
    const other = await fetchCounting('/', { headers: { 'if-none-match': '"other"' } });
    expect([other.hit, other.res.status]).toEqual([true, 200]);
  });

  const remembered = (name: string, email: string, url: string) =>
    rememberCookie({ name, email, url }, false).split(';')[0]!;
  const ALICE = {
    name: 'Alice Zephyrine',
    email: 'alice@alice.example',
    url: 'https://alice.example/',
  };
  const BOB = { name: 'Bob Quillfeather', email: 'bob@bob.example', url: '' };
  const aliceCookie = remembered(ALICE.name, ALICE.email, ALICE.url);
  const bobCookie = `other=1; ${remembered(BOB.name, BOB.email, BOB.url)}`;
  const showsAlice = (html: string) =>
    [ALICE.name, ALICE.email, ALICE.url].some((v) => html.includes(v));
  const showsBob = (html: string) => [BOB.name, BOB.email].some((v) => html.includes(v));

  it("serves a reader with our cookie from the cache, filled with their own details and no one else's", async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Shared story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    await warm(path);
    const a = await fetchCounting(path, { headers: { cookie: aliceCookie } });
    expect(a.hit).toBe(true);
    const aHtml = await a.res.text();
    expect(aHtml).toContain(`name="name" type="text" value="${ALICE.name}"`);
    expect(aHtml).toContain(`value="${ALICE.email}"`);
    expect(aHtml).toContain(`value="${ALICE.url}"`);
    expect(aHtml).toContain('name="remember" value="1" checked=""/>');
    expect(aHtml).not.toMatch(/__newsdesk_/);
    const b = await fetchCounting(path, { headers: { cookie: bobCookie } });
    expect(b.hit).toBe(true);
    const bHtml = await b.res.text();
    expect(showsBob(bHtml)).toBe(true);
    expect(showsAlice(bHtml)).toBe(false);
    // Filled with one reader's details, a response is theirs alone: no shared cache may keep it.
    for (const res of [a.res, b.res]) {
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(res.headers.get('surrogate-key')).toBeNull();
      expect(res.headers.get('cache-tag')).toBeNull();
    }
    const anonymousRes = await site.get(path);
    expect(anonymousRes.headers.get('cache-control')).toMatch(/^public/);
    const anonymous = await anonymousRes.text();
    expect(showsAlice(anonymous) || showsBob(anonymous)).toBe(false);
    expect(anonymous).not.toContain('checked=""');
    expect(anonymous).not.toMatch(/__newsdesk_/);
  });

  it("keeps a cookie reader's render free of their details, so the next reader never sees them", async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Missed story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    await warm(path);
    // A write from another process: Alice's request misses, renders and stores the page.
    const other = openStore(site.rt.config.database);
    try {
      await repositories(other.db).discussion.insert(
        comment(article.id, 'late remark'),
        new Date(),
      );
    } finally {
      await other.close();
    }
    const a = await fetchCounting(path, { headers: { cookie: aliceCookie } });
    expect(a.hit).toBe(false);
    expect(a.res.headers.get('cache-control')).toBe('private, no-cache');
    expect(a.res.headers.get('surrogate-key')).toBeNull();
    const aHtml = await a.res.text();
    expect(aHtml).toContain('late remark');
    expect(aHtml).toContain(`value="${ALICE.name}"`);
    for (const cookie of [bobCookie, undefined]) {
      const next = await fetchCounting(path, cookie ? { headers: { cookie } } : undefined);
      expect(next.hit).toBe(true);
      expect(next.res.headers.get('cache-control')).toMatch(cookie ? /^private/ : /^public/);
      const html = await next.res.text();
      expect(html).toContain('late remark');
      expect(showsAlice(html)).toBe(false);
      expect(showsBob(html)).toBe(cookie !== undefined);
    }
    // Many readers at once: every response carries its own reader's details only.
    const readers = Array.from({ length: 30 }, (_, i) => i % 3);
    const pages = await Promise.all(
      readers.map(async (r) => {
        const cookie = [aliceCookie, bobCookie, 'newsdesk_other=1'][r]!;
        return { r, html: await (await site!.get(path, { headers: { cookie } })).text() };
      }),
    );
    for (const { r, html } of pages) {
      expect([showsAlice(html), showsBob(html)]).toEqual([r === 0, r === 1]);
    }
  });
});
