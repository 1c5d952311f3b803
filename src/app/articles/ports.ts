/** What the article use cases and the read model need from storage. */
import type {
  Article,
  ArticleKind,
  ArticleStatus,
  Correction,
  Page,
  Term,
  TermKind,
} from '../../domain/article.js';
import type {
  ArticleSnapshot,
  Revision,
  RevisionReason,
  SnapshotField,
} from '../../domain/revision.js';

/** An article as written: its own fields, with the discussion switches flattened. */
export interface ArticleFields extends Pick<
  Article,
  | 'kind'
  | 'slug'
  | 'title'
  | 'standfirst'
  | 'bodySource'
  | 'bodyHtml'
  | 'excerpt'
  | 'status'
  | 'publishedAt'
  | 'authorId'
  | 'trackbackTo'
  | 'unpublishAt'
  | 'linkbacksSend'
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
  /** Inserts the article with `authorId` as its only byline (setBylines adds the others). */
  insert(fields: ArticleFields, now: Date): Promise<Article>;
  /** Overwrites the article's fields; undefined when there is no such article. */
  update(id: number, fields: ArticleFields, now: Date): Promise<Article | undefined>;
  /** The bylines in order; the first also becomes the article's `authorId`. */
  setBylines(articleId: number, userIds: readonly number[]): Promise<void>;
  /** Each article's byline user ids, in order. */
  bylines(articleIds: readonly number[]): Promise<Map<number, number[]>>;
  findById(id: number): Promise<Article | undefined>;
  /**
   * The article as committed now, its row locked until the transaction ends: an edit reads what it
   * changes only after any concurrent edit of the same article has finished (no lost update).
   */
  findForUpdate(id: number): Promise<Article | undefined>;
  findBySlug(slug: string): Promise<Article | undefined>;
  slugTaken(slug: string): Promise<boolean>;
  /** Scheduled → published; undefined when the article is not (or no longer) scheduled. */
  markPublished(id: number, now: Date): Promise<Article | undefined>;
  /** Into the trash (its URL answers 410); restorable until purged. Undefined: not there, or trashed already. */
  markDeleted(id: number, now: Date): Promise<Article | undefined>;
  /** Out of the trash, in the state it was deleted in. */
  markUndeleted(id: number, now: Date): Promise<Article | undefined>;
  /** Published → draft, remembering it was public (its URL answers 410). */
  markWithdrawn(id: number, now: Date): Promise<Article | undefined>;
  /** Removes the article and, by cascade, its discussion, terms and revisions. */
  purge(id: number): Promise<void>;
  /** Ids of articles in the trash since before `cutoff`. */
  trashedBefore(cutoff: Date, limit: number): Promise<number[]>;
  /** Live articles (published, not deleted, due by `now`), newest first; never pages. */
  listPublished(
    now: Date,
    page: number,
    perPage: number,
    filter?: ArticleFilter,
  ): Promise<Page<Article>>;
  /** Every article (or page) not deleted, most recently changed first. */
  listAll(
    limit: number,
    status?: ArticleStatus,
    kind?: ArticleKind | 'any',
    opts?: { readonly trashed?: boolean },
  ): Promise<Article[]>;
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
  /** Makes `termIds` the article's terms exactly (an edit's new categories and tags). */
  replace(articleId: number, termIds: readonly number[]): Promise<void>;
}

export interface NewRevision {
  readonly articleId: number;
  readonly editorId: number | null;
  readonly reason: RevisionReason;
  readonly changed: readonly SnapshotField[];
  readonly snapshot: ArticleSnapshot;
}

export interface RevisionsRepository {
  add(revision: NewRevision, now: Date): Promise<Revision>;
  /** The article's revisions, oldest (number 1) first. */
  list(articleId: number): Promise<Revision[]>;
  get(articleId: number, number: number): Promise<Revision | undefined>;
  latest(articleId: number): Promise<Revision | undefined>;
}

export interface CorrectionsRepository {
  add(
    c: { articleId: number; kind: Correction['kind']; note: string; editorId: number | null },
    now: Date,
  ): Promise<Correction>;
  /** Oldest first, for each article asked. */
  forArticles(articleIds: readonly number[]): Promise<Map<number, Correction[]>>;
}
