/** Everything an editor sees of one article: its fields, bylines, terms, notes and history. */
import type { Article, Author, Correction, Term } from '../../domain/article.js';
import type { AppDeps } from '../deps.js';
import { articleUrl } from './create-article.js';

export interface ArticleDetails {
  readonly article: Article;
  readonly url: string;
  readonly bylines: readonly Author[];
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
  readonly corrections: readonly Correction[];
  /** The latest revision's number (0 for an article with none). */
  readonly revision: number;
}

export async function articleDetails(
  deps: Pick<AppDeps, 'repos' | 'siteUrl' | 'timezone'>,
  article: Article,
): Promise<ArticleDetails> {
  const [bylineIds, terms, notes, latest] = await Promise.all([
    deps.repos.articles.bylines([article.id]),
    deps.repos.terms.forArticles([article.id]),
    deps.repos.corrections.forArticles([article.id]),
    deps.repos.revisions.latest(article.id),
  ]);
  const ids = bylineIds.get(article.id) ?? [article.authorId];
  const users = await deps.repos.users.findByIds(ids);
  const own = terms.get(article.id) ?? [];
  return {
    article,
    url: articleUrl(deps, article),
    bylines: ids.flatMap((id) => users.filter((u) => u.id === id)),
    categories: own.filter((t) => t.kind === 'category'),
    tags: own.filter((t) => t.kind === 'tag'),
    corrections: notes.get(article.id) ?? [],
    revision: latest?.number ?? 0,
  };
}
