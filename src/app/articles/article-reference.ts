/**
 * The article a command names: its id, its absolute URL on this site, or its path (an article's
 * `/YYYY/MM/slug/`, a page's `/slug/`, or a path it had before a slug change). Trashed and draft
 * articles are found too: the lifecycle commands act on them.
 */
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { parsePagePath, parsePermalinkPath } from '../../domain/permalink.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';

const MAX_REFERENCE = 2_048;

export async function articleByReference(
  deps: Pick<AppDeps, 'repos' | 'siteUrl'>,
  ref: string,
): Promise<Result<Article, Failure>> {
  const value = ref.trim();
  if (value === '' || value.length > MAX_REFERENCE) {
    return err(failure('invalid_input', 'expected an article id, URL or path'));
  }
  if (/^\d+$/.test(value)) {
    const id = Number(value);
    const article = Number.isSafeInteger(id) ? await deps.repos.articles.findById(id) : undefined;
    return article ? ok(article) : err(failure('not_found', `no article with id ${value}`));
  }
  let path = value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return err(failure('invalid_input', `not a valid URL: ${value}`));
    }
    if (url.host !== new URL(deps.siteUrl).host) {
      return err(failure('invalid_input', `${url.origin} is not this site (${deps.siteUrl})`));
    }
    path = url.pathname;
  }
  const dated = parsePermalinkPath(path);
  const slug = dated?.slug ?? parsePagePath(path);
  if (slug === null) {
    return err(failure('invalid_input', `not an article's or a page's path: ${path}`));
  }
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  const bySlug = await deps.repos.articles.findBySlug(slug);
  const article =
    (bySlug?.kind === (dated ? 'article' : 'page') ? bySlug : undefined) ??
    (await deps.repos.articles.findByOldPath(withSlash));
  return article ? ok(article) : err(failure('not_found', `no article at ${path}`));
}
