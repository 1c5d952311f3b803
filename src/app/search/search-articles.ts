/** The search page's and the JSON endpoint's read model. */
import { highlightAll, queryTerms, snippet, type TextSegment } from '../../domain/search-text.js';
import { articlePath } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';

export const SEARCH_PER_PAGE = 10;
/** Pages past this are not served (deep offsets cost the engine and help no reader). */
export const SEARCH_MAX_PAGE = 50;

export interface SearchResultItem {
  readonly title: string;
  readonly titleSegments: readonly TextSegment[];
  readonly snippet: readonly TextSegment[];
  readonly path: string;
  readonly url: string;
  readonly kind: 'article' | 'page';
  readonly publishedAt: Date | null;
}

export interface SearchModel {
  /** The query as the reader typed it (cropped), for the search box. */
  readonly query: string;
  readonly terms: readonly string[];
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
  /** True when counting stopped at the most a reader can page through (`total` or more). */
  readonly totalIsLowerBound: boolean;
  readonly results: readonly SearchResultItem[];
}

type ReadDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

/** Any query, however hostile, gives results or an empty model; `page` is clamped to 1–50. */
export async function searchArticles(
  deps: ReadDeps,
  rawQuery: string,
  page: number,
): Promise<SearchModel> {
  const query = rawQuery.slice(0, 200);
  const terms = queryTerms(rawQuery);
  const at = Math.min(Math.max(1, Math.floor(page) || 1), SEARCH_MAX_PAGE);
  const found =
    terms.length === 0
      ? { total: 0, hits: [] }
      : await deps.repos.search.search({
          terms,
          now: deps.clock(),
          limit: SEARCH_PER_PAGE,
          offset: (at - 1) * SEARCH_PER_PAGE,
          countUpTo: SEARCH_MAX_PAGE * SEARCH_PER_PAGE,
        });
  const pageCount = Math.min(
    SEARCH_MAX_PAGE,
    Math.max(1, Math.ceil(found.total / SEARCH_PER_PAGE)),
  );
  return {
    query,
    terms,
    page: at,
    pageCount,
    total: found.total,
    totalIsLowerBound: found.total >= SEARCH_MAX_PAGE * SEARCH_PER_PAGE,
    results: found.hits.map(({ article, text }) => {
      const path = articlePath(deps, article);
      return {
        title: article.title,
        titleSegments: highlightAll(article.title, terms),
        snippet: snippet(text, terms),
        path,
        url: `${deps.siteUrl}${path}`,
        kind: article.kind,
        publishedAt: article.kind === 'article' ? article.publishedAt : null,
      };
    }),
  };
}
