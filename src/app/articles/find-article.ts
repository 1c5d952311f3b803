/**
 * The article an editor names: an id, its URL on this site, or a path. The site's own path lookup
 * answers first (a live article, or one an old permalink redirects to); a draft, scheduled,
 * withdrawn or trashed article, which has no public URL, is then found by the slug in the path.
 */
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { parsePagePath, parsePermalinkPath } from '../../domain/permalink.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { findArticleByPath } from '../site/find-by-path.js';

type FindDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

const MAX_REFERENCE = 2048;

export async function findArticle(
  deps: FindDeps,
  reference: string,
): Promise<Result<Article, Failure>> {
  const ref = reference.trim();
  if (ref.length === 0 || ref.length > MAX_REFERENCE) {
    return err(failure('invalid_input', 'name an article by its id, its URL or its path'));
  }
  if (/^\d+$/.test(ref)) {
    const id = Number(ref);
    const article = Number.isSafeInteger(id) ? await deps.repos.articles.findById(id) : undefined;
    return article ? ok(article) : err(failure('not_found', `no article with id ${ref}`));
  }
  const path = pathOf(deps.siteUrl, ref);
  if (!path.ok) return path;
  const found = await findArticleByPath(deps, path.value);
  if (found.kind === 'article' || found.kind === 'redirect') return ok(found.article);
  const slug = parsePermalinkPath(path.value)?.slug ?? parsePagePath(path.value);
  const article = slug ? await deps.repos.articles.findBySlug(slug) : undefined;
  return article ? ok(article) : err(failure('not_found', `no article at ${ref}`));
}

/** The path of a URL on this site, or of a path given as is. */
function pathOf(siteUrl: string, ref: string): Result<string, Failure> {
  if (ref.startsWith('/') && !ref.startsWith('//')) return ok(ref.split(/[?#]/)[0] ?? ref);
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return err(failure('invalid_input', `not an article id, URL or path: ${ref.slice(0, 200)}`));
  }
  const site = new URL(siteUrl);
  if (url.origin !== site.origin) {
    return err(
      failure(
        'invalid_input',
        `${url.origin} is not this site (${site.origin}); give an id or a URL on it`,
      ),
    );
  }
  return ok(url.pathname);
}
