/**
 * Reads that every page repeats (the masthead's sections, the footer's pages, an article's related
 * stories) kept while the content version is unchanged. The content version is bumped by the
 * database's own triggers on every change to articles, terms, discussion and settings, from any
 * process, so a kept answer is never served after a write; it is also dropped after `maxAgeMs`,
 * so a story or page whose publication time passes (no write happens then) shows within that.
 */
import type { Article, Term } from '../../domain/article.js';
import type { ReaderQueries } from '../reader/ports.js';
import { keptByRevision } from '../kept-by-revision.js';

export interface VersionMemoDeps {
  /** The content version now (cheap: the store prepares it once and reads it once per turn). */
  readonly version: () => Promise<number>;
  /** Milliseconds since the epoch (the app's clock). */
  readonly now: () => number;
  /** Longest an answer is kept even when nothing was written; 1 s unless given. */
  readonly maxAgeMs?: number;
  /** Most answers kept (the oldest is dropped first); 1,000 unless given. */
  readonly maxEntries?: number;
}

export interface VersionMemo {
  /** `compute()`'s answer for `key` at the current content version, computed once per version. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  readonly size: number;
}

export function versionMemo(deps: VersionMemoDeps): VersionMemo {
  const kept = keptByRevision<string, unknown>({
    max: deps.maxEntries ?? 1000,
    maxAgeMs: deps.maxAgeMs ?? 1000,
    now: deps.now,
  });
  return {
    get: <T>(key: string, compute: () => Promise<T>) =>
      kept.get(key, deps.version, compute) as Promise<T>,
    get size() {
      return kept.size;
    },
  };
}

type Memoised = Pick<ReaderQueries, 'related' | 'topCategories' | 'livePages'>;

/**
 * The reader queries with navigation and related stories kept per content version. Callers get
 * the same arrays on a hit: they are read, never changed (the domain types are readonly).
 */
export function memoisedReaderQueries<R extends Memoised>(reader: R, memo: VersionMemo): R {
  return {
    ...reader,
    related: (articleId: number, now: Date, limit: number): Promise<Article[]> =>
      memo.get(`related:${articleId}:${limit}`, () => reader.related(articleId, now, limit)),
    topCategories: (limit: number): Promise<Term[]> =>
      memo.get(`sections:${limit}`, () => reader.topCategories(limit)),
    livePages: (now: Date, limit: number): Promise<Article[]> =>
      memo.get(`pages:${limit}`, () => reader.livePages(now, limit)),
  };
}
