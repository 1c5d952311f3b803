/** What the search index keeps of an article, and keeping it right on every article change. */
import type { Article } from '../../domain/article.js';
import { normaliseSearchText } from '../../domain/search-text.js';
import { htmlToText } from '../../linkback/index.js';
import type { Repositories } from '../ports.js';
import type { SearchDocument } from './ports.js';

/** The most plain text indexed per article (the rest of a very long body is not searchable). */
export const MAX_INDEXED_CHARS = 200_000;

/**
 * The plain text indexed: standfirst and body, as readers see them. `bodyText` is
 * `htmlToText(bodyHtml)` when the caller has it already (an import makes the excerpt from it too).
 */
export function searchableText(
  standfirst: string,
  bodyHtml: string,
  bodyText: string = htmlToText(bodyHtml),
): string {
  return [standfirst, bodyText].filter(Boolean).join(' ').slice(0, MAX_INDEXED_CHARS);
}

export function searchDocument(
  a: Pick<Article, 'id' | 'title' | 'standfirst' | 'bodyHtml' | 'publishedAt' | 'createdAt'>,
  bodyText?: string,
): SearchDocument {
  const text = searchableText(a.standfirst, a.bodyHtml, bodyText);
  return {
    articleId: a.id,
    title: a.title,
    text,
    titleTerms: normaliseSearchText(a.title),
    textTerms: normaliseSearchText(text),
    publishedAt: a.publishedAt ?? a.createdAt,
  };
}

/**
 * Articles and pages are searchable while published and not deleted (whether one is due yet is
 * asked at query time, so a scheduled time passing needs no write).
 */
export const searchable = (a: Article): boolean => a.status === 'published' && !a.deletedAt;

/** Brings one article's entry in line with the article as stored now (in the caller's transaction). */
export async function reindexArticle(
  repos: Pick<Repositories, 'articles' | 'search'>,
  articleId: number,
): Promise<void> {
  const article = await repos.articles.findById(articleId);
  if (article && searchable(article)) await repos.search.upsert(searchDocument(article));
  else await repos.search.remove(articleId);
}
