/**
 * Finding an article or a page by its path, without building any page: the slug, then the old
 * paths it was published under, then the canonical spelling. The site's GET, the linkback target
 * resolution and the CLI all go through here. Articles live at `/YYYY/MM/slug/`, pages at
 * `/slug/`; an article is never found at a page's path, nor a page at a dated one.
 */
import { isLive, type Article, type ArticleKind } from '../../domain/article.js';
import { publicState } from '../../domain/lifecycle.js';
import {
  pagePath,
  parsePagePath,
  parsePermalinkPath,
  permalinkPath,
  zonedYearMonth,
} from '../../domain/permalink.js';
import type { AppDeps } from '../deps.js';

export type ArticleAtPath =
  /** The live article, and its canonical path (the one asked for). */
  | { readonly kind: 'article'; readonly article: Article; readonly path: string }
  /** A live article that lives elsewhere (an old slug, a wrong month, no trailing slash). */
  | { readonly kind: 'redirect'; readonly article: Article; readonly location: string }
  /** An article that was public and is no longer (trashed or unpublished): its tombstone. */
  | { readonly kind: 'gone'; readonly title: string; readonly articleKind: ArticleKind }
  | { readonly kind: 'not-found' };

type FindDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone'>;

/** True when `path` is shaped like an article's or a page's permalink. */
export function isContentPath(path: string): boolean {
  return parsePermalinkPath(path) !== null || parsePagePath(path) !== null;
}

/** How an article is found by its slug; the article page reads its extras in the same statement. */
export type FindBySlug = (slug: string) => Promise<Article | undefined>;

/**
 * Maps a request path to a live article, a permanent redirect to one, a tombstone or nothing.
 * `bySlug` defaults to the articles repository's.
 */
export async function findArticleByPath(
  deps: FindDeps,
  path: string,
  bySlug: FindBySlug = (slug) => deps.repos.articles.findBySlug(slug),
): Promise<ArticleAtPath> {
  const parts = parsePermalinkPath(path);
  if (parts) {
    return lookup(
      deps,
      bySlug,
      'article',
      parts.slug,
      `/${parts.year}/${parts.month}/${parts.slug}/`,
      (a) => {
        const ym = zonedYearMonth(a.publishedAt ?? deps.clock(), deps.timezone);
        return ym.year === parts.year && ym.month === parts.month && path.endsWith('/');
      },
    );
  }
  const slug = parsePagePath(path);
  if (slug === null) return { kind: 'not-found' };
  return lookup(deps, bySlug, 'page', slug, pagePath(slug), () => path.endsWith('/'));
}

async function lookup(
  deps: FindDeps,
  bySlug: FindBySlug,
  kind: ArticleKind,
  slug: string,
  oldPath: string,
  isCanonical: (a: Article) => boolean,
): Promise<ArticleAtPath> {
  const now = deps.clock();
  const found = await bySlug(slug);
  const article = found?.kind === kind ? found : undefined;
  const state = article && publicState(article, now);
  if (article && state === 'gone') return gone(article);
  if (article && state === 'live') {
    const canonical = canonicalPath(deps, article, now);
    return isCanonical(article)
      ? { kind: 'article', article, path: canonical }
      : { kind: 'redirect', article, location: canonical };
  }
  const moved = await deps.repos.articles.findByOldPath(oldPath);
  if (moved && isLive(moved, now)) {
    return { kind: 'redirect', article: moved, location: canonicalPath(deps, moved, now) };
  }
  if (moved && publicState(moved, now) === 'gone') return gone(moved);
  return { kind: 'not-found' };
}

const gone = (a: Article): ArticleAtPath => ({ kind: 'gone', title: a.title, articleKind: a.kind });

const canonicalPath = (deps: Pick<AppDeps, 'timezone'>, a: Article, now: Date): string =>
  a.kind === 'page' ? pagePath(a.slug) : permalinkPath(a.slug, a.publishedAt ?? now, deps.timezone);
