/** Sitemaps (sitemaps.org 0.9) and the Google News sitemap, as plain data. */
import { pagePath } from '../../domain/permalink.js';
import { articlePath } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';

/** The protocol's limit of URLs in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News takes articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;
export const NEWS_MAX_URLS = 1_000;

type ReadDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

export interface SitemapRef {
  readonly path: string;
  readonly lastModified: Date | null;
}

export interface SitemapUrl {
  readonly url: string;
  readonly lastModified: Date | null;
}

export interface NewsUrl {
  readonly url: string;
  readonly title: string;
  readonly publishedAt: Date;
}

export const articlesSitemapPath = (bucket: number) => `/sitemap-articles-${bucket + 1}.xml`;

/** The index: the pages sitemap, one articles sitemap per id range of `size`, the news sitemap. */
export async function sitemapIndex(deps: ReadDeps, size = SITEMAP_MAX_URLS): Promise<SitemapRef[]> {
  const now = deps.clock();
  const [buckets, pages] = await Promise.all([
    deps.repos.reader.sitemapBuckets(now, size),
    deps.repos.reader.livePages(now, 1_000),
  ]);
  const pagesModified = pages.reduce<Date | null>(
    (at, p) => (at === null || p.updatedAt > at ? p.updatedAt : at),
    null,
  );
  return [
    { path: '/sitemap-pages.xml', lastModified: pagesModified },
    ...buckets.map((b) => ({ path: articlesSitemapPath(b.bucket), lastModified: b.lastModified })),
    { path: '/sitemap-news.xml', lastModified: null },
  ];
}

/** The live articles of id range `bucket` (0-based); null when it holds none. */
export async function articlesSitemap(
  deps: ReadDeps,
  bucket: number,
  size = SITEMAP_MAX_URLS,
): Promise<SitemapUrl[] | null> {
  const entries = await deps.repos.reader.sitemapEntries(deps.clock(), bucket, size);
  if (entries.length === 0) return null;
  return entries.map((a) => ({
    url: `${deps.siteUrl}${articlePath(deps, a)}`,
    lastModified: a.lastModified,
  }));
}

/** The home page, the top-level sections and every live page. */
export async function pagesSitemap(deps: ReadDeps): Promise<SitemapUrl[]> {
  const now = deps.clock();
  const [pages, sections] = await Promise.all([
    deps.repos.reader.livePages(now, 1_000),
    deps.repos.reader.topCategories(200),
  ]);
  return [
    { url: `${deps.siteUrl}/`, lastModified: null },
    ...sections.map((s) => ({ url: `${deps.siteUrl}/category/${s.slug}/`, lastModified: null })),
    ...pages.map((p) => ({ url: `${deps.siteUrl}${pagePath(p.slug)}`, lastModified: p.updatedAt })),
  ];
}

/** Articles published in the last two days, newest first. */
export async function newsSitemap(deps: ReadDeps): Promise<NewsUrl[]> {
  const now = deps.clock();
  const since = new Date(now.getTime() - NEWS_WINDOW_MS);
  const articles = await deps.repos.reader.publishedSince(now, since, NEWS_MAX_URLS);
  return articles.map((a) => ({
    url: `${deps.siteUrl}${articlePath(deps, a)}`,
    title: a.title,
    publishedAt: a.publishedAt ?? a.createdAt,
  }));
}
