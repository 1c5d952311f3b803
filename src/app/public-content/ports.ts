/** Reads for the public content API: only what the site shows (src/store implements them). */
import type { Article, Author, Correction, Term, TermKind } from '../../domain/article.js';
import type { StoredReaction } from '../fediverse/ports.js';

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

/** What an article page shows of the article besides its discussion, read together. */
export interface ArticlePageExtras {
  /** The bylines' users, in order (none for rows written around the use cases). */
  readonly bylines: readonly Author[];
  /** The user `articles.author_id` names, whatever the bylines (the page's fallback). */
  readonly author: Author | undefined;
  /** The article's categories and tags, by name. */
  readonly terms: readonly Term[];
  /** Correction and update notes, oldest first. */
  readonly corrections: readonly Correction[];
  /** Likes and boosts from the fediverse, oldest first. */
  readonly reactions: readonly StoredReaction[];
}

/**
 * The article page's own reads, one statement each: the article found by its slug with its
 * extras, or the extras of an article already found (src/store implements them).
 */
export interface ArticlePageReads {
  bySlug(
    slug: string,
  ): Promise<{ readonly article: Article; readonly extras: ArticlePageExtras } | undefined>;
  extrasOf(articleId: number): Promise<ArticlePageExtras>;
}
