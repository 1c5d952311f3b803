/** The admin's keyset-paged reads: every article and media item, drafts and trash included. */
import type { Article, ArticleKind, ArticleStatus } from '../../domain/article.js';
import type { MediaItem } from '../../domain/media.js';

export interface ArticlePageFilter {
  readonly kind: ArticleKind;
  readonly status?: ArticleStatus;
  /** Only articles in the trash (true), or only those outside it (false, the default). */
  readonly trashed?: boolean;
  /** A byline holder's user id. */
  readonly authorId?: number;
  /** Words the title contains (case-insensitive for ASCII letters). */
  readonly text?: string;
  /** Ids below this one only (the cursor of the page before). */
  readonly beforeId?: number;
  readonly limit: number;
}

export interface AdminContentQueries {
  /** Newest id first. */
  articles(filter: ArticlePageFilter): Promise<Article[]>;
  /** Newest id first. */
  media(filter: { readonly beforeId?: number; readonly limit: number }): Promise<MediaItem[]>;
}
