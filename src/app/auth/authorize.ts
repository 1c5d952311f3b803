import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can, canOnArticle, type Action } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';

/** The one check every admin route, API call and command makes before acting. */
export function authorize(user: Pick<Author, 'role'>, action: Action): Result<void, Failure> {
  return can(user.role, action)
    ? ok(undefined)
    : err(failure('forbidden', `a ${user.role} may not do this (${action})`));
}

/** For one article: the "-any" permission, or the "-own" one for a user with a byline on it. */
export function authorizeOnArticle(
  user: Pick<Author, 'id' | 'role'>,
  verb: 'edit' | 'publish' | 'delete',
  bylines: readonly number[],
): Result<void, Failure> {
  return canOnArticle(user.role, verb, bylines.includes(user.id))
    ? ok(undefined)
    : err(failure('forbidden', `a ${user.role} may not ${verb} this article`));
}
