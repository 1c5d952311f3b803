import type { Article, ArticleStatus } from '../../domain/article.js';
import type { AppDeps } from '../deps.js';
import { articleUrl } from './create-article.js';

export interface ArticleListing {
  readonly article: Article;
  /** The absolute permalink (for a draft, where it would be if published now). */
  readonly url: string;
}

/** Every article not deleted, most recently changed first, for the CLI and an admin screen. */
export async function listArticles(
  deps: Pick<AppDeps, 'repos' | 'siteUrl' | 'timezone'>,
  req: { readonly limit: number; readonly status?: ArticleStatus },
): Promise<ArticleListing[]> {
  const limit = Math.min(Math.max(req.limit, 1), 10_000);
  const articles = await deps.repos.articles.listAll(limit, req.status);
  return articles.map((article) => ({ article, url: articleUrl(deps, article) }));
}
