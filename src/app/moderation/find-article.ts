import type { Article } from '../../domain/article.js';
import { pagePath, parsePagePath, parsePermalinkPath } from '../../domain/permalink.js';
import type { AppDeps } from '../deps.js';

/** An article (or page) named by its id, its public URL or its path; undefined when none matches. */
export async function findArticleByReference(
  deps: Pick<AppDeps, 'repos'>,
  ref: string,
): Promise<Article | undefined> {
  const value = ref.trim();
  if (/^\d{1,12}$/.test(value)) return deps.repos.articles.findById(Number(value));
  let path = value;
  try {
    path = new URL(value).pathname;
  } catch {
    // not absolute: treat as a path
  }
  const parts = parsePermalinkPath(path);
  if (!parts) {
    // A page's /slug/.
    const slug = parsePagePath(path);
    if (slug === null) return undefined;
    return (
      (await deps.repos.articles.findBySlug(slug)) ??
      deps.repos.articles.findByOldPath(pagePath(slug))
    );
  }
  return (
    (await deps.repos.articles.findBySlug(parts.slug)) ??
    deps.repos.articles.findByOldPath(`/${parts.year}/${parts.month}/${parts.slug}/`)
  );
}
