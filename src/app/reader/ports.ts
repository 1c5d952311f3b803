/** The reads behind feeds, sitemaps, related articles and the site's navigation. */
import type { Article, Term } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';

/** A stretch of live content for one child sitemap: its bucket, its size, its newest change. */
export interface SitemapBucket {
  readonly bucket: number;
  readonly count: number;
  readonly lastModified: Date;
}

/**
 * One URL of an articles sitemap: what its path is made of and when it last changed (its own
 * update or its newest correction note, whichever is later).
 */
export interface SitemapEntry {
  readonly id: number;
  readonly kind: Article['kind'];
  readonly slug: string;
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly lastModified: Date;
}

export interface ReaderQueries {
  /** Approved, public discussion items on live articles, newest first (the site's discussion feed). */
  recentPublicItems(now: Date, limit: number): Promise<DiscussionItem[]>;
  /** Live articles sharing the most terms with `articleId` (never itself, never pages). */
  related(articleId: number, now: Date, limit: number): Promise<Article[]>;
  /** Top-level categories, by name. */
  topCategories(limit: number): Promise<Term[]>;
  /** Live pages (About, Contact), by title. */
  livePages(now: Date, limit: number): Promise<Article[]>;
  /** Live articles grouped into id ranges of `size` ids (bucket = floor((id - 1) / size)). */
  sitemapBuckets(now: Date, size: number): Promise<SitemapBucket[]>;
  /**
   * Live articles with ids in bucket `bucket` of `size`, by id: only what a sitemap URL needs, in
   * one statement, so a bucket of 50,000 neither loads bodies nor names 50,000 ids in a query.
   */
  sitemapEntries(now: Date, bucket: number, size: number): Promise<SitemapEntry[]>;
  /** Ids of every published, undeleted article and page, ascending (reindexing search). */
  publishedIds(): Promise<number[]>;
  /** Live articles published at or after `since`, newest first (the news sitemap). */
  publishedSince(now: Date, since: Date, limit: number): Promise<Article[]>;
}
