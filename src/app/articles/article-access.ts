/**
 * May this user do this to this article? The role matrix (domain/permissions.ts) through
 * app/auth/authorize.ts, for callers that name an article by id (the admin API and screens; the
 * CLI acts as the operator). One rule beyond the matrix: changing what readers already see
 * (editing a published or scheduled article) also needs the right to publish it, so a
 * contributor's article, once an editor has published it, is not rewritten live by its
 * contributor.
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

export interface ArticleRequest {
  readonly id: number;
  /** Only an article of this kind is found; absent, any kind (pages too). */
  readonly kind?: ArticleKind;
  readonly verb: ArticleVerb;
  /**
   * False: `edit` needs the edit right alone, live article or not (the admin's revision and
   * linkback ledger screens). True, the default: the rule above applies.
   */
  readonly liveNeedsPublish?: boolean;
}

/**
 * The article (trashed ones included, so their history stays readable) with its bylines, when
 * the user may do `verb` to it: the "-any" permission, or "-own" with a byline.
 */
export async function articleFor(
  deps: Pick<AppDeps, 'repos'>,
  user: Pick<Author, 'id' | 'role'>,
  req: ArticleRequest,
): Promise<Result<AccessibleArticle, Failure>> {
  const article = await deps.repos.articles.findById(req.id);
  if (!article || (req.kind !== undefined && article.kind !== req.kind)) {
    return err(
      failure(
        'not_found',
        req.kind === undefined
          ? `There is no article with id ${req.id}.`
          : `no ${req.kind} with id ${req.id}`,
      ),
    );
  }
  const bylines = (await deps.repos.articles.bylines([article.id])).get(article.id) ?? [
    article.authorId,
  ];
  if (req.verb !== 'read') {
    const allowed = authorizeOnArticle(user, req.verb, bylines);
    if (!allowed.ok) return allowed;
    if (req.verb === 'edit' && article.status !== 'draft' && req.liveNeedsPublish !== false) {
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
