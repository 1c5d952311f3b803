/**
 * The reader-facing machine endpoints and the search page: feeds (RSS 2.0, Atom, JSON Feed 1.1)
 * of the site, categories, tags, authors and discussions; sitemaps and robots.txt; the oEmbed
 * provider; search (HTML and JSON). Registered on the site app, so they share its page cache:
 * feeds and sitemaps are cached like pages (valid while the content version holds); search and
 * oEmbed answers depend on query parameters the cache key drops, so they are never cached.
 */
import { ANY_SUMMARY_KEY, articleKey, HOME_KEY } from '../../domain/surrogate-keys.js';
import { DEFAULT_EDGE_POLICY, tagResponse, type EdgePolicy } from '../edge-cache.js';
import type { Context, Hono } from 'hono';
import type { Feed } from '../../app/feeds/feed-model.js';
import { feedPaths } from '../../app/feeds/feed-model.js';
import {
  articleDiscussionFeed,
  articlesFeed,
  siteDiscussionFeed,
  type ArticlesFeedSubject,
  type FeedSite,
} from '../../app/feeds/build-feeds.js';
import { oembedArticle } from '../../app/reader/oembed.js';
import {
  articlesSitemap,
  newsSitemap,
  pagesSitemap,
  sitemapIndex,
  SITEMAP_MAX_URLS,
} from '../../app/reader/sitemaps.js';
import { searchArticles, type SearchModel } from '../../app/search/search-articles.js';
import { atomFeed, ATOM_TYPE } from '../../render/feeds/atom.js';
import { jsonFeed, JSON_FEED_TYPE } from '../../render/feeds/json-feed.js';
import { oembedJson, oembedXml } from '../../render/feeds/oembed.js';
import { rssFeed, RSS_TYPE } from '../../render/feeds/rss.js';
import {
  newsSitemapXml,
  sitemapIndexXml,
  urlSetXml,
  XML_TYPE,
} from '../../render/feeds/sitemap.js';
import type { HeadLink } from '../../render/theme/layout.js';
import { SearchPage } from '../../render/theme/search-page.js';
import { CSS_HREF } from '../assets.js';
import { etagOf } from '../conditional.js';
import { statusFor } from '../errors.js';
import { ifNoneMatchHits } from '../if-none-match.js';
import type { CacheVariables } from '../page-cache.js';
import { renderPage } from '../render-page.js';
import type { SiteDeps } from './site-app.js';

type Env = { Variables: CacheVariables };
type C = Context<Env>;

export interface ReaderRouteOptions {
  /** URLs per child sitemap (the protocol's 50,000; tests use fewer). */
  readonly sitemapSize?: number;
}

/** `<link rel=alternate>` for the three formats of the feed of the page at `basePath`. */
export function feedLinks(basePath: string, title: string): HeadLink[] {
  const p = feedPaths(basePath);
  return [
    { rel: 'alternate', type: 'application/rss+xml', href: p.rss, title: `${title} (RSS)` },
    { rel: 'alternate', type: 'application/atom+xml', href: p.atom, title: `${title} (Atom)` },
    {
      rel: 'alternate',
      type: 'application/feed+json',
      href: p.json,
      title: `${title} (JSON Feed)`,
    },
  ];
}

/** oEmbed discovery (oEmbed 1.0 §4) for an article's absolute URL; absolute, as consumers expect. */
export function oembedLinks(siteUrl: string, articleUrl: string, title: string): HeadLink[] {
  const q = encodeURIComponent(articleUrl);
  return [
    {
      rel: 'alternate',
      type: 'application/json+oembed',
      href: `${siteUrl}/oembed?url=${q}&format=json`,
      title,
    },
    {
      rel: 'alternate',
      type: 'text/xml+oembed',
      href: `${siteUrl}/oembed?url=${q}&format=xml`,
      title,
    },
  ];
}

/**
 * Sends a machine document with a strong ETag (from its bytes) and Last-Modified, answering 304
 * to a matching If-None-Match, or, without one, to an If-Modified-Since not older than it
 * (RFC 9110 §13.1.3, §13.2.2).
 */
export function sendDocument(
  c: C,
  body: string,
  type: string,
  lastModified: Date | null,
  edge?: { readonly policy: EdgePolicy; readonly keys: readonly string[] },
) {
  const etag = etagOf(body);
  c.header('ETag', etag);
  // Tagged documents are kept at the edge (short-lived, like lists) and purged by their keys.
  if (edge) tagResponse(c, edge.policy, { kind: 'list', keys: edge.keys });
  else c.header('Cache-Control', 'no-cache');
  const modified = lastModified && lastModified.getTime() > 0 ? lastModified : null;
  if (modified) c.header('Last-Modified', modified.toUTCString());
  const inm = c.req.header('If-None-Match');
  const ims = c.req.header('If-Modified-Since');
  const notModified = inm
    ? ifNoneMatchHits(inm, etag)
    : !!(ims && modified && Math.floor(modified.getTime() / 1000) <= Date.parse(ims) / 1000);
  if (notModified) return c.body(null, 304);
  c.header('Content-Type', type);
  return c.body(body, 200);
}

const FORMATS = {
  '': { type: RSS_TYPE, write: rssFeed },
  'atom/': { type: ATOM_TYPE, write: atomFeed },
  'json/': { type: JSON_FEED_TYPE, write: jsonFeed },
} as const;

type FormatKey = keyof typeof FORMATS;

const sendFeed = (
  c: C,
  feed: Feed,
  format: FormatKey,
  edge?: { readonly policy: EdgePolicy; readonly keys: readonly string[] },
) => sendDocument(c, FORMATS[format].write(feed), FORMATS[format].type, feed.updated, edge);

/** Only these query values are read; anything longer is cut. */
const param = (c: C, name: string): string | undefined => c.req.query(name)?.slice(0, 2_000);

export function readerRoutes(
  app: Hono<Env>,
  deps: SiteDeps,
  notFound: (c: C) => Response | Promise<Response>,
  gone: (c: C) => Response | Promise<Response>,
  opts: ReaderRouteOptions = {},
): void {
  const policy = deps.edge ?? DEFAULT_EDGE_POLICY;
  // Surrogate keys (domain/surrogate-keys.ts): an article feed or a sitemap changes with any
  // article (every article event purges the summaries' family key); one article's discussion
  // feed with that article (an approved comment purges its key).
  const listing = { policy, keys: [HOME_KEY, ANY_SUMMARY_KEY] };
  const feedSite = async (): Promise<FeedSite> => {
    const site = await deps.site();
    return { title: site.title, description: site.description, language: site.language };
  };

  for (const [suffix] of Object.entries(FORMATS) as [FormatKey, unknown][]) {
    const subjects: [string, (c: C) => ArticlesFeedSubject][] = [
      ['/feed/', () => ({ kind: 'site' })],
      ['/category/:slug/feed/', (c) => ({ kind: 'category', slug: c.req.param('slug') ?? '' })],
      ['/tag/:slug/feed/', (c) => ({ kind: 'tag', slug: c.req.param('slug') ?? '' })],
      ['/author/:slug/feed/', (c) => ({ kind: 'author', slug: c.req.param('slug') ?? '' })],
    ];
    for (const [route, subject] of subjects) {
      app.get(`${route}${suffix}`, async (c) => {
        const feed = await articlesFeed(deps.app, await feedSite(), subject(c));
        return feed ? sendFeed(c, feed, suffix, listing) : notFound(c);
      });
    }
    app.get(`/comments/feed/${suffix}`, async (c) =>
      sendFeed(c, await siteDiscussionFeed(deps.app, await feedSite()), suffix),
    );
    app.get(`/:year{[0-9]{4}}/:month{[0-9]{2}}/:slug/feed/${suffix}`, async (c) => {
      const { year, month, slug } = c.req.param();
      const found = await articleDiscussionFeed(
        deps.app,
        await feedSite(),
        `/${year}/${month}/${slug}/`,
      );
      switch (found.kind) {
        case 'feed':
          return sendFeed(c, found.feed, suffix, { policy, keys: [articleKey(found.articleId)] });
        case 'redirect':
          return c.redirect(`${feedPaths(found.location).rss}${suffix}`, 301);
        case 'gone':
          return gone(c);
        default:
          return notFound(c);
      }
    });
  }

  const size = opts.sitemapSize ?? SITEMAP_MAX_URLS;
  app.get('/sitemap.xml', async (c) => {
    const refs = await sitemapIndex(deps.app, size);
    const newest = refs.reduce<Date | null>(
      (at, r) => (r.lastModified && (!at || r.lastModified > at) ? r.lastModified : at),
      null,
    );
    return sendDocument(c, sitemapIndexXml(deps.app.siteUrl, refs), XML_TYPE, newest, listing);
  });
  app.get('/sitemap-pages.xml', async (c) =>
    sendDocument(c, urlSetXml(await pagesSitemap(deps.app)), XML_TYPE, null, listing),
  );
  app.get('/:file{sitemap-articles-[1-9][0-9]{0,6}\\.xml}', async (c) => {
    const n = Number(/\d+/.exec(c.req.param('file'))?.[0] ?? 0);
    const urls = await articlesSitemap(deps.app, n - 1, size);
    if (!urls) return notFound(c);
    const newest = urls.reduce<Date | null>(
      (at, u) => (u.lastModified && (!at || u.lastModified > at) ? u.lastModified : at),
      null,
    );
    return sendDocument(c, urlSetXml(urls), XML_TYPE, newest, listing);
  });
  app.get('/sitemap-news.xml', async (c) => {
    const site = await deps.site();
    const urls = await newsSitemap(deps.app);
    // The news window moves with time, not only with writes: keep it at most a minute.
    c.set('cacheUntil', deps.app.clock().getTime() + 60_000);
    return sendDocument(
      c,
      newsSitemapXml({ name: site.title, language: site.language }, urls),
      XML_TYPE,
      null,
    );
  });
  app.get('/robots.txt', (c) => {
    const base = deps.app.siteUrl;
    c.header('Cache-Control', 'no-cache');
    return c.text(
      [
        'User-agent: *',
        'Disallow: /search/',
        'Disallow: /search.json',
        'Disallow: /comments/',
        'Allow: /comments/feed/',
        '',
        `Sitemap: ${base}/sitemap.xml`,
        `Sitemap: ${base}/sitemap-news.xml`,
        '',
      ].join('\n'),
    );
  });

  app.get('/oembed', async (c) => {
    c.set('noCache', true);
    const format = c.req.query('format') ?? 'json';
    const found = await oembedArticle(deps.app, {
      url: param(c, 'url'),
      maxwidth: param(c, 'maxwidth'),
      maxheight: param(c, 'maxheight'),
    });
    if (!found.ok) return c.text(found.error.message, statusFor(found.error.code));
    // oEmbed 1.0 §2.3.5: a format the provider does not offer is 501 Not Implemented.
    if (format !== 'json' && format !== 'xml') return c.text('format: json or xml', 501);
    const site = await deps.site();
    const provider = { name: site.title, url: site.url };
    c.header('Cache-Control', 'public, max-age=3600');
    if (format === 'xml') {
      c.header('Content-Type', 'text/xml; charset=utf-8');
      return c.body(oembedXml(found.value, provider));
    }
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(oembedJson(found.value, provider));
  });

  const searchOf = async (c: C): Promise<SearchModel> => {
    c.set('noCache', true);
    const page = Number(/^[1-9]\d{0,3}$/.test(c.req.query('page') ?? '') ? c.req.query('page') : 1);
    return searchArticles(deps.app, c.req.query('q') ?? '', page);
  };
  app.get('/search', (c) => {
    c.set('noCache', true);
    const q = new URL(c.req.url).search;
    return c.redirect(`/search/${q}`, 301);
  });
  app.get('/search/', async (c) => {
    const model = await searchOf(c);
    const site = await deps.site();
    const hrefFor = (p: number) =>
      `/search/?q=${encodeURIComponent(model.query)}${p > 1 ? `&page=${p}` : ''}`;
    const html = await renderPage(
      site,
      CSS_HREF,
      {
        title: model.query ? `Search: ${model.query}` : 'Search',
        description: `Search ${site.title}`,
        canonicalPath: '/search/',
        robots: 'noindex',
        searchQuery: model.query,
      },
      <SearchPage model={model} hrefFor={hrefFor} timezone={site.timezone} />,
    );
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });
  app.get('/search.json', async (c) => {
    const model = await searchOf(c);
    c.header('Cache-Control', 'no-store');
    return c.json({
      query: model.query,
      terms: model.terms,
      page: model.page,
      page_count: model.pageCount,
      total: model.total,
      total_is_lower_bound: model.totalIsLowerBound,
      results: model.results.map((r) => ({
        title: r.title,
        url: r.url,
        kind: r.kind,
        published: r.publishedAt?.toISOString() ?? null,
        snippet: r.snippet.map((s) => s.text).join(''),
        highlights: r.snippet,
      })),
    });
  });
}
