/** Reads for the public content API: only what the site shows (src/store implements them). */
import type { Article, Author, Term, TermKind } from '../../domain/article.js';

/** Where a page of articles starts: after this (publishedAt, id), newest first. */
export interface ArticleCursor {
  readonly publishedAt: Date;
  readonly id: number;
}

export interface PublicContentQueries {
  /** Live items of `kind` (published, due by `now`, not deleted), newest first, after `after`. */
  liveArticles(
    now: Date,
    kind: 'article' | 'page',
    after: ArticleCursor | null,
    limit: number,
  ): Promise<Article[]>;
  /** Users with a byline on at least one live article or page, by name. */
  liveAuthors(now: Date): Promise<Author[]>;
  /** Every term of `kind` (or all), by name. */
  terms(kind: TermKind | null): Promise<Term[]>;
}
