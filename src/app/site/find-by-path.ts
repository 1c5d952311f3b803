/**
 * Finding an article by its permalink path, without building any page: the slug, then the old
 * paths it was published under, then the canonical spelling. The site's GET, the linkback target
 * resolution and the CLI all go through here.
 */
import { isLive, type Article } from '../../domain/article.js';
import { parsePermalinkPath, permalinkPath, zonedYearMonth } from '../../domain/permalink.js';
import type { AppDeps } from '../deps.js';

export type ArticleAtPath =
  /** The live article, and its canonical path (the one asked for). */
  | { readonly kind: 'article'; readonly article: Article; readonly path: string }
  /** A live article that lives elsewhere (an old slug, a wrong month, no trailing slash). */
  | { readonly kind: 'redirect'; readonly article: Article; readonly location: string }
  /** A deleted article: its tombstone. */
  | { readonly kind: 'gone'; readonly title: string }
  | { readonly kind: 'not-found' };

type FindDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone'>;

/** Maps a request path to a live article, a permanent redirect to one, a tombstone or nothing. */
export async function findArticleByPath(deps: FindDeps, path: string): Promise<ArticleAtPath> {
  const parts = parsePermalinkPath(path);
  if (!parts) return { kind: 'not-found' };
  const now = deps.clock();
  const article = await deps.repos.articles.findBySlug(parts.slug);
  if (!article || (!isLive(article, now) && !article.deletedAt)) {
    const moved = await deps.repos.articles.findByOldPath(
      `/${parts.year}/${parts.month}/${parts.slug}/`,
    );
    if (moved && isLive(moved, now)) {
      return { kind: 'redirect', article: moved, location: canonicalPath(deps, moved, now) };
    }
    return { kind: 'not-found' };
  }
  if (article.deletedAt) return { kind: 'gone', title: article.title };
  const canonical = canonicalPath(deps, article, now);
  const ym = zonedYearMonth(article.publishedAt ?? now, deps.timezone);
  if (ym.year !== parts.year || ym.month !== parts.month || !path.endsWith('/')) {
    return { kind: 'redirect', article, location: canonical };
  }
  return { kind: 'article', article, path: canonical };
}

const canonicalPath = (deps: Pick<AppDeps, 'timezone'>, a: Article, now: Date): string =>
  permalinkPath(a.slug, a.publishedAt ?? now, deps.timezone);
