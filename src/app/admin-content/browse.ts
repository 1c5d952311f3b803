/**
 * The admin's lists: every article, page or media item, newest first, in keyset pages (one row
 * more than asked says whether another page follows), with each article's bylines.
 */
import type { Article } from '../../domain/article.js';
import type { MediaItem } from '../../domain/media.js';
import type { AppDeps } from '../deps.js';
import type { AdminContentQueries, ArticlePageFilter } from './ports.js';

export interface BrowseDeps extends Pick<AppDeps, 'repos'> {
  readonly content: AdminContentQueries;
}

export interface ArticleRows {
  /** Up to `limit + 1` rows. */
  readonly rows: readonly Article[];
  readonly bylines: ReadonlyMap<number, readonly number[]>;
}

export async function browseArticles(
  deps: BrowseDeps,
  filter: ArticlePageFilter,
): Promise<ArticleRows> {
  const rows = await deps.content.articles({ ...filter, limit: filter.limit + 1 });
  const bylines = await deps.repos.articles.bylines(rows.map((a) => a.id));
  return { rows, bylines };
}

export function browseMedia(
  deps: Pick<BrowseDeps, 'content'>,
  filter: { readonly beforeId?: number; readonly limit: number },
): Promise<MediaItem[]> {
  return deps.content.media({ ...filter, limit: filter.limit + 1 });
}
