import type { Article, Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { authorizeOnArticle } from '../auth/authorize.js';
import type { AppDeps } from '../deps.js';

/**
 * The article when `user` may edit it (the "-any" permission, or "-own" with a byline): the
 * check before an article's revisions, a restore or its linkback ledger. Trashed articles are
 * found too, so their history stays readable.
 */
export async function editableArticle(
  deps: Pick<AppDeps, 'repos'>,
  user: Pick<Author, 'id' | 'role'>,
  articleId: number,
): Promise<Result<Article, Failure>> {
  const article = await deps.repos.articles.findById(articleId);
  if (!article) return err(failure('not_found', `There is no article with id ${articleId}.`));
  const bylines = (await deps.repos.articles.bylines([articleId])).get(articleId) ?? [];
  const allowed = authorizeOnArticle(user, 'edit', bylines);
  return allowed.ok ? ok(article) : allowed;
}
