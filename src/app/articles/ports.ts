/** What the article use cases and the read model need from storage. */
import type { Article, ArticleStatus, Page, Term, TermKind } from '../../domain/article.js';

/** An article as written: its own fields, with the discussion switches flattened. */
export interface ArticleFields extends Pick<
  Article,
  | 'slug'
  | 'title'
  | 'bodySource'
  | 'bodyHtml'
  | 'excerpt'
  | 'status'
  | 'publishedAt'
  | 'authorId'
  | 'trackbackTo'
> {
  readonly commentsOpen: boolean;
  readonly commentsCloseAt: Date | null;
  readonly linkbacksOpen: boolean;
  readonly linkbacksCloseAt: Date | null;
}

export interface ArticleFilter {
  readonly termIds?: readonly number[];
  readonly authorId?: number;
}

export interface ArticlesRepository {
  /** Inserts the article and its first revision together. */
  insert(fields: ArticleFields, now: Date): Promise<Article>;
  findById(id: number): Promise<Article | undefined>;
  findBySlug(slug: string): Promise<Article | undefined>;
  slugTaken(slug: string): Promise<boolean>;
  /** Scheduled → published; undefined when the article is not (or no longer) scheduled. */
  markPublished(id: number, now: Date): Promise<Article | undefined>;
  markDeleted(id: number, now: Date): Promise<void>;
  /** Live articles (published, not deleted, due by `now`), newest first. */
  listPublished(
    now: Date,
    page: number,
    perPage: number,
    filter?: ArticleFilter,
  ): Promise<Page<Article>>;
  /** Every article not deleted, most recently changed first. */
  listAll(limit: number, status?: ArticleStatus): Promise<Article[]>;
  count(): Promise<number>;
  /** Remembers a permalink path an article had, so links to it still arrive. */
  recordOldPath(articleId: number, oldPath: string, now: Date): Promise<void>;
  findByOldPath(path: string): Promise<Article | undefined>;
}

export interface TermsRepository {
  findBySlug(kind: TermKind, slug: string): Promise<Term | undefined>;
  /** Returns the term with this slug, creating it when absent (safe under races). */
  ensure(kind: TermKind, name: string, slug: string, parentId?: number | null): Promise<Term>;
  attach(articleId: number, termIds: readonly number[]): Promise<void>;
  forArticles(articleIds: readonly number[]): Promise<Map<number, Term[]>>;
  /** The term and all its descendants (category archives include subcategories). */
  withDescendants(termId: number): Promise<number[]>;
}
