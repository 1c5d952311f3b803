/** An article's editable state as a revision keeps it (domain/revision.ts). */
import type { Article, Term } from '../../domain/article.js';
import type { ArticleSnapshot } from '../../domain/revision.js';
import type { Repositories } from '../ports.js';
import { makeExcerpt } from './excerpt.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Categories are kept by name: term slugs are unique per kind, so a name finds its term again
 * wherever it sits in the tree. `bodyExcerpt` is makeExcerpt of the body, when the caller has it
 * already (an import has the body's text): otherwise it is made here.
 */
export function snapshotOf(
  article: Article,
  terms: readonly Term[],
  bylines: readonly number[],
  bodyExcerpt: string = makeExcerpt(article.bodyHtml),
): ArticleSnapshot {
  return {
    title: article.title,
    slug: article.slug,
    standfirst: article.standfirst,
    bodySource: article.bodySource,
    excerpt: article.excerpt === bodyExcerpt ? '' : article.excerpt,
    categories: terms.filter((t) => t.kind === 'category').map((t) => t.name),
    tags: terms.filter((t) => t.kind === 'tag').map((t) => t.name),
    bylines: bylines.length > 0 ? [...bylines] : [article.authorId],
    commentsOpen: article.comments.open,
    commentsCloseAt: iso(article.comments.closesAt),
    linkbacksOpen: article.linkbacks.open,
    linkbacksCloseAt: iso(article.linkbacks.closesAt),
    publishedAt: iso(article.publishedAt),
    unpublishAt: iso(article.unpublishAt),
    trackbackTo: [...article.trackbackTo],
  };
}

/** The snapshot of the article as stored now. */
export async function storedSnapshot(
  repos: Pick<Repositories, 'terms' | 'articles'>,
  article: Article,
): Promise<ArticleSnapshot> {
  const [terms, bylines] = await Promise.all([
    repos.terms.forArticles([article.id]),
    repos.articles.bylines([article.id]),
  ]);
  return snapshotOf(article, terms.get(article.id) ?? [], bylines.get(article.id) ?? []);
}
