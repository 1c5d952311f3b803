/**
 * Full-text search behind one port: SQLite FTS5 and PostgreSQL full-text search implement it
 * (src/store/repositories/search.ts). Callers hand over text already folded by the one
 * normaliser (domain/search-text.ts) beside the original, which is kept for snippets.
 */
import type { Article } from '../../domain/article.js';

export interface SearchDocument {
  readonly articleId: number;
  /** The original title and plain text, kept for snippets. */
  readonly title: string;
  readonly text: string;
  /** The same, folded by normaliseSearchText: what the engine indexes. */
  readonly titleTerms: string;
  readonly textTerms: string;
  /** Found only once this time has come (a scheduled time needs no write to pass). */
  readonly publishedAt: Date;
}

export interface SearchQuery {
  /** Folded terms (queryTerms); every one must match. */
  readonly terms: readonly string[];
  /** Only articles and pages live at this time are found. */
  readonly now: Date;
  readonly limit: number;
  readonly offset: number;
  /** Counting stops here: past the last page a reader may ask for, the exact number is moot. */
  readonly countUpTo: number;
}

export interface SearchHit {
  readonly article: Article;
  /** The original plain text indexed, for the snippet. */
  readonly text: string;
}

export interface SearchResults {
  /** Matches, counted up to `countUpTo`. */
  readonly total: number;
  /** Best first: title matches weigh more than body matches; ties go to the newest. */
  readonly hits: readonly SearchHit[];
}

export interface SearchIndex {
  /** Adds or replaces the article's document. */
  upsert(doc: SearchDocument): Promise<void>;
  /** Adds or replaces several documents, a few statements for the lot (an import's batch). */
  upsertMany(docs: readonly SearchDocument[]): Promise<void>;
  remove(articleId: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResults>;
  /** Empties the index (before a full reindex). */
  clear(): Promise<void>;
}
