/**
 * May this user do this to this article? The role matrix (domain/permissions.ts) through
 * app/auth/authorize.ts, for callers that name an article by id (the admin API; the CLI acts as
 * the operator). One rule beyond the matrix: changing what readers already see (editing a
 * published or scheduled article) also needs the right to publish it, so a contributor's article,
 * once an editor has published it, is not rewritten live by its contributor.
 */
import type { Article, ArticleKind, Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { authorizeOnArticle } from '../auth/authorize.js';
import type { AppDeps } from '../deps.js';

export type ArticleVerb = 'read' | 'edit' | 'publish' | 'delete';

export interface AccessibleArticle {
  readonly article: Article;
  readonly bylines: readonly number[];
}

/** The article of this kind (trashed ones included), when the user may do `verb` to it. */
export async function articleFor(
  deps: Pick<AppDeps, 'repos'>,
  user: Pick<Author, 'id' | 'role'>,
  req: { readonly id: number; readonly kind: ArticleKind; readonly verb: ArticleVerb },
): Promise<Result<AccessibleArticle, Failure>> {
  const article = await deps.repos.articles.findById(req.id);
  if (!article || article.kind !== req.kind) {
    return err(failure('not_found', `no ${req.kind} with id ${req.id}`));
  }
  const bylines = (await deps.repos.articles.bylines([article.id])).get(article.id) ?? [
    article.authorId,
  ];
  if (req.verb !== 'read') {
    const allowed = authorizeOnArticle(user, req.verb, bylines);
    if (!allowed.ok) return allowed;
    if (req.verb === 'edit' && article.status !== 'draft') {
      const live = authorizeOnArticle(user, 'publish', bylines);
      if (!live.ok) {
        return err(
          failure('forbidden', `a ${user.role} may not change a ${article.status} article`),
        );
      }
    }
  }
  return ok({ article, bylines });
}

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
