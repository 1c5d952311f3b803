/** What the admin's article list needs from storage (src/store/repositories/article-browser.ts). */
import type { Article, ArticleKind } from '../../domain/article.js';

/**
 * Where an article stands for an editor. `unpublished`: taken back to draft after being public;
 * `draft` then means never published. `trashed`: in the trash, whatever it was before.
 */
export const BROWSE_STATUSES = [
  'draft',
  'scheduled',
  'published',
  'unpublished',
  'trashed',
] as const;
export type BrowseStatus = (typeof BROWSE_STATUSES)[number];

export interface BrowseFilter {
  readonly status?: BrowseStatus;
  readonly kind?: ArticleKind;
  /** Articles with a byline by this user. */
  readonly bylineOf?: number;
  /** Articles with any of these terms (a category and its subcategories). */
  readonly categoryIds?: readonly number[];
  readonly tagId?: number;
  /** A case-insensitive substring of the title or the slug. */
  readonly text?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface BrowsePage {
  /** Every match, not only this page's. */
  readonly total: number;
  /** Most recently changed first. */
  readonly items: readonly Article[];
}

export interface ArticleBrowser {
  browse(filter: BrowseFilter): Promise<BrowsePage>;
}
