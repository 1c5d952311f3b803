/**
 * If-Match on an article (RFC 9110 §13.1.1): the tag must name the article's latest revision.
 * It is checked here first, then handed to the use case as `expectedRevision`, which re-checks it
 * under the row lock; a `conflict` from a save that lost that race is answered 412 like a stale
 * tag, since both mean "saved since the version you read".
 */
import type { AppDeps } from '../../../../app/deps.js';
import type { Article } from '../../../../domain/article.js';
import { failure, type Failure } from '../../../../domain/failures.js';
import { err, ok, type Result } from '../../../../domain/result.js';
import { articleEtag, ifMatchHolds, parseIfMatch } from '../etag.js';

const latestRevision = async (deps: Pick<AppDeps, 'repos'>, id: number) =>
  (await deps.repos.revisions.latest(id))?.number ?? 0;

/** The revision the change must start from (undefined: any, for `*` or no If-Match). */
export async function expectedRevision(
  deps: Pick<AppDeps, 'repos'>,
  article: Article,
  ifMatch: string | null,
): Promise<Result<number | undefined, Failure>> {
  if (ifMatch === null) return ok(undefined);
  const latest = await latestRevision(deps, article.id);
  const field = parseIfMatch(ifMatch);
  const current = articleEtag(article.id, latest);
  if (!ifMatchHolds(field, current)) {
    return err(
      failure(
        'precondition_failed',
        `${article.kind} ${article.id} is at ${current}, not ${ifMatch.slice(0, 80)}; GET it again and redo the change`,
      ),
    );
  }
  return ok(field.kind === 'any' ? undefined : latest);
}

/** A use case's `conflict` that came from a newer revision, as 412; any other result as it is. */
export async function staleAs412<T>(
  deps: Pick<AppDeps, 'repos'>,
  articleId: number,
  expected: number | undefined,
  result: Result<T, Failure>,
): Promise<Result<T, Failure>> {
  if (result.ok || result.error.code !== 'conflict' || expected === undefined) return result;
  if ((await latestRevision(deps, articleId)) === expected) return result;
  return err(failure('precondition_failed', result.error.message));
}
