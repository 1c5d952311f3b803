import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import type { AppDeps } from '../src/app/deps.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect } from './support/dialects.js';
import { feedparser, hasFeedparser, strictXml } from './support/feed-check.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

/** Control characters, a CDATA terminator, markup, non-ASCII and an astral character. */
const HOSTILE_TITLE = 'Ctl\u0001\u0008 ]]> <b>&amp; Ünïcødé ışıq 😀 \uFFFE end';
const CLEAN_TITLE = 'Ctl ]]> <b>&amp; Ünïcødé ışıq 😀  end';
const HOSTILE_BODY = 'Code: `]]>` and <![CDATA[ x ]]> and a bell \u0007 and **bold** ]]>';

async function anItem(
  deps: AppDeps,
  articleId: number,
  kind: 'comment' | 'linkback',
  name: string,
  text: string,
) {
  return deps.repos.discussion.insert(
    {
      articleId,
      kind,
      protocol: kind === 'linkback' ? 'webmention' : null,
      type: kind === 'linkback' ? 'mention' : 'comment',
      status: 'approved',
      parentId: null,
      authorName: name,
      authorUrl: kind === 'linkback' ? 'https://blog.example/' : null,
      authorEmail: null,
      authorIp: null,
      authorUserAgent: null,
      sourceUrl: kind === 'linkback' ? 'https://blog.example/post' : null,
      sourceKey: kind === 'linkback' ? 'https://blog.example/post' : null,
      targetUrl: null,
      title: null,
      contentHtml: trustStoredHtml(`<p>${text}</p>`),
      contentSource: text,
      verification: kind === 'linkback' ? 'verified' : 'not-required',
    },
    deps.clock(),
  );
}

describeEachDialect('feeds', (dialect) => {
  let site: SiteHarness;
  let hostilePath = '';
  let calmPath = '';
  beforeAll(async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const ada = await anAuthor(deps, 'Ada Reporter');
    const bo = await anAuthor(deps, 'Bo Writer');
    const calm = await anArticle(deps, ada, {
      title: 'A calm story',
      categories: ['World'],
      tags: ['calm'],
      publishedAt: new Date(Date.now() - 3_600_000),
    });
    const hostile = await anArticle(deps, ada, {
      title: HOSTILE_TITLE,
      bodyMarkdown: HOSTILE_BODY,
      coAuthorIds: [bo.id],
      categories: ['World/Europe'],
      tags: ['Hostile'],
    });
    hostilePath = new URL(hostile.url).pathname;
    calmPath = new URL(calm.url).pathname;
    await anItem(deps, hostile.article.id, 'comment', 'Reader\u0002 One', 'First ]]> comment');
    await anItem(deps, hostile.article.id, 'linkback', 'Blog', 'A mention');
  });
  afterAll(() => site.close());

  const fetchText = async (path: string) => {
    const res = await site.get(path);
    return { res, body: await res.text() };
  };

  const XML_FEEDS = [
    '/feed/',
    '/feed/atom/',
    '/category/world/feed/',
    '/category/world/feed/atom/',
    '/tag/hostile/feed/',
    '/tag/hostile/feed/atom/',
    '/author/ada-reporter/feed/',
    '/author/ada-reporter/feed/atom/',
    '/comments/feed/',
    '/comments/feed/atom/',
  ];

  it('serves every XML feed as strict, well-formed XML with the right type', async () => {
    for (const path of [...XML_FEEDS, `${hostilePath}feed/`, `${hostilePath}feed/atom/`]) {
      const { res, body } = await fetchText(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(
        path.includes('atom') ? /^application\/atom\+xml/ : /^application\/rss\+xml/,
      );
      expect(strictXml(body), path).toBe(path.includes('atom') ? 'feed' : 'rss');
      expect(body).not.toContain('\u0001');
      expect(body).not.toContain('<![CDATA[');
    }
  });

  it('writes RSS 2.0 with content, every byline, categories and the comment extensions', async () => {
    const { body } = await fetchText('/feed/');
    const feed = parseRssFeed(body);
    const item = feed.items?.find((i) => i.title === CLEAN_TITLE);
    expect(item, 'the hostile title comes back without its control characters').toBeDefined();
    expect(item?.dc?.creators).toEqual(['Ada Reporter', 'Bo Writer']);
    expect(item?.categories?.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Europe', 'Hostile']),
    );
    expect(item?.content?.encoded).toContain('<strong>bold</strong>');
    // The body's own `]]>` arrives as the sanitiser wrote it, and the feed never breaks on it.
    expect(item?.content?.encoded).toContain(']]&gt;');
    expect(item?.comments).toBe(`http://news.test${hostilePath}#discussion`);
    expect(item?.wfw?.commentRss).toBe(`http://news.test${hostilePath}feed/`);
    expect(item?.slash?.comments).toBe(2);
  });

  it('writes Atom 1.0 with threading: replies links with thr:count and thr:in-reply-to', async () => {
    const feed = parseAtomFeed((await fetchText('/feed/atom/')).body);
    const entry = feed.entries?.find((e) => e.title?.value === CLEAN_TITLE);
    expect(entry?.authors?.map((a) => a.name)).toEqual(['Ada Reporter', 'Bo Writer']);
    const replies = entry?.links?.find((l) => l.rel === 'replies');
    expect(replies?.href).toBe(`http://news.test${hostilePath}feed/atom/`);
    expect(replies?.thr?.count).toBe(2);
    expect(entry?.thr?.total).toBe(2);

    const discussion = parseAtomFeed((await fetchText(`${hostilePath}feed/atom/`)).body);
    expect(discussion.entries).toHaveLength(2);
    for (const e of discussion.entries ?? []) {
      expect(e.thr?.inReplyTos?.[0]?.href).toBe(`http://news.test${hostilePath}`);
    }
    const kinds = (discussion.entries ?? []).map((e) => e.categories?.[0]?.term).sort();
    expect(kinds).toEqual(['comment', 'linkback']);
  });

  it('writes JSON Feed 1.1 for the site, each archive and each discussion', async () => {
    for (const path of [
      '/feed/json/',
      '/category/world/feed/json/',
      '/tag/hostile/feed/json/',
      '/author/bo-writer/feed/json/',
      '/comments/feed/json/',
      `${hostilePath}feed/json/`,
    ]) {
      const { res, body } = await fetchText(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/feed\+json/);
      const feed = parseJsonFeed(body);
      expect(feed.title, path).toBeTruthy();
      expect(feed.items?.length, path).toBeGreaterThan(0);
      expect(body).not.toContain('\\u0001');
    }
    const site = parseJsonFeed((await fetchText('/feed/json/')).body);
    const item = site.items?.find((i) => i.title === CLEAN_TITLE);
    expect(item?.authors?.map((a) => a.name)).toEqual(['Ada Reporter', 'Bo Writer']);
  });

  it('lists subcategory articles in a category feed, and only the tag or author asked', async () => {
    const world = parseRssFeed((await fetchText('/category/world/feed/')).body);
    expect(world.items?.map((i) => i.title).sort()).toEqual(['A calm story', CLEAN_TITLE].sort());
    const europe = parseRssFeed((await fetchText('/category/europe/feed/')).body);
    expect(europe.items?.map((i) => i.title)).toEqual([CLEAN_TITLE]);
    const calm = parseRssFeed((await fetchText('/tag/calm/feed/')).body);
    expect(calm.items?.map((i) => i.title)).toEqual(['A calm story']);
    const bo = parseRssFeed((await fetchText('/author/bo-writer/feed/')).body);
    expect(bo.items?.map((i) => i.title)).toEqual([CLEAN_TITLE]);
  });

  it('marks discussion items by kind in the site discussion feed', async () => {
    const feed = parseRssFeed((await fetchText('/comments/feed/')).body);
    expect(feed.items).toHaveLength(2);
    const cats = (feed.items ?? []).map((i) => i.categories?.[0]?.name).sort();
    expect(cats).toEqual(['comment', 'linkback']);
    expect(feed.items?.some((i) => i.dc?.creators?.[0] === 'Reader One')).toBe(true);
  });

  it('is read the same by python3-feedparser, without a bozo flag', async () => {
    if (!hasFeedparser()) return;
    for (const path of [...XML_FEEDS, `${hostilePath}feed/`, `${hostilePath}feed/atom/`]) {
      const parsed = feedparser((await fetchText(path)).body);
      expect(parsed.bozo, `${path}: ${parsed.bozo_exception}`).toBe(0);
      expect(parsed.version, path).toMatch(path.includes('atom') ? /^atom10$/ : /^rss20$/);
      expect(parsed.entries.length, path).toBeGreaterThan(0);
    }
    const rss = feedparser((await fetchText('/feed/')).body);
    const entry = rss.entries.find((e) => e.title === CLEAN_TITLE);
    expect(entry?.authors.join(', ')).toContain('Ada Reporter');
    expect(entry?.tags).toEqual(expect.arrayContaining(['Europe', 'Hostile']));
    expect(entry?.wfw_commentrss).toBe(`http://news.test${hostilePath}feed/`);
    expect(entry?.slash_comments).toBe('2');
    expect(entry?.comments).toBe(`http://news.test${hostilePath}#discussion`);
    const atom = feedparser((await fetchText('/feed/atom/')).body);
    const a = atom.entries.find((e) => e.title === CLEAN_TITLE);
    expect(a?.authors).toEqual(['Ada Reporter', 'Bo Writer']);
    expect(a?.thr_total).toBe('2');
  });

  it('answers conditional requests with 304, by ETag and by Last-Modified', async () => {
    for (const path of ['/feed/', '/feed/atom/', '/feed/json/', '/sitemap.xml']) {
      const first = await site.get(path);
      await first.text();
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"/);
      const again = await site.get(path, { headers: { 'if-none-match': etag ?? '' } });
      expect(again.status, path).toBe(304);
      const modified = first.headers.get('last-modified');
      expect(modified, path).toBeTruthy();
      const since = await site.get(path, { headers: { 'if-modified-since': modified ?? '' } });
      await since.text();
      // The second request may come from the page cache, which answers If-None-Match only.
      expect([200, 304], path).toContain(since.status);
      const other = await site.get(path, { headers: { 'if-none-match': '"nope"' } });
      expect(other.status).toBe(200);
      await other.text();
    }
  });

  it('serves feeds and sitemaps from the page cache until the next public write', async () => {
    const cache = site.server.cache;
    for (const path of ['/feed/', '/tag/calm/feed/atom/', '/sitemap.xml']) {
      await (await site.get(path)).text();
      const before = cache.hits;
      const again = await site.get(path);
      expect(again.status, path).toBe(200);
      await again.text();
      expect(cache.hits, path).toBe(before + 1);
    }
    const deps = site.rt.deps;
    const [author] = await deps.repos.users.findByIds([1]);
    await anArticle(deps, author!, { title: 'Fresh off the press', tags: ['calm'] });
    const before = cache.hits;
    const feed = parseRssFeed((await fetchText('/feed/')).body);
    expect(cache.hits).toBe(before);
    expect(feed.items?.[0]?.title).toBe('Fresh off the press');
    const tag = parseAtomFeed((await fetchText('/tag/calm/feed/atom/')).body);
    expect(tag.entries?.map((e) => e.title?.value)).toContain('Fresh off the press');
  });

  it('moves a feed entry’s updated date when a correction is added', async () => {
    const deps = site.rt.deps;
    const article = await deps.repos.articles.findBySlug('a-calm-story');
    const before = parseAtomFeed((await fetchText('/feed/atom/')).body);
    const was = before.entries?.find((e) => e.title?.value === 'A calm story')?.updated;
    await new Promise((r) => setTimeout(r, 1100));
    await deps.repos.corrections.add(
      { articleId: article!.id, kind: 'correction', note: 'Fixed a name.', editorId: null },
      new Date(),
    );
    const after = parseAtomFeed((await fetchText('/feed/atom/')).body);
    const now = after.entries?.find((e) => e.title?.value === 'A calm story')?.updated;
    expect(now).not.toBe(was);
    expect(Date.parse(String(now))).toBeGreaterThan(Date.parse(String(was)));
  });

  it('answers 404 for unknown archives, 301 for an article feed at an old month, 410 when deleted', async () => {
    expect((await site.get('/category/nope/feed/')).status).toBe(404);
    expect((await site.get('/tag/nope/feed/atom/')).status).toBe(404);
    expect((await site.get('/author/nope/feed/json/')).status).toBe(404);
    expect((await site.get('/2001/01/nope/feed/')).status).toBe(404);
    const wrongMonth = calmPath.replace(/^\/\d{4}\/\d{2}\//, '/2001/01/');
    const moved = await site.get(`${wrongMonth}feed/atom/`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`${calmPath}feed/atom/`);
    const deps = site.rt.deps;
    const article = await deps.repos.articles.findBySlug('a-calm-story');
    await deps.repos.articles.markDeleted(article!.id, new Date());
    expect((await site.get(`${calmPath}feed/`)).status).toBe(410);
  });
});
