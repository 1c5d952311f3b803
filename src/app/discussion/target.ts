/**
 * The article a comment or a linkback is for, with what deciding about it needs: its discussion
 * switches as of now and the site settings, read once. No page model is built: threading,
 * terms and pagination are the page's business. The comment form's POST and TrackBack name
 * the article by id; Webmention and Pingback by URL.
 */
import { isLive, type Article } from '../../domain/article.js';
import { discussionState, type DiscussionState } from '../../domain/discussion-policy.js';
import { pagePath, permalinkPath } from '../../domain/permalink.js';
import type { AppDeps } from '../deps.js';
import { loadSiteSettings, type SiteSettings } from '../site-settings.js';
import { findArticleByPath, isContentPath } from '../site/find-by-path.js';

export interface DiscussionTarget {
  readonly article: Article;
  /** The canonical permalink path, and the same URL absolute. */
  readonly path: string;
  readonly url: string;
  readonly state: DiscussionState;
  readonly settings: SiteSettings;
}

export type TargetLookup =
  | { readonly kind: 'article'; readonly target: DiscussionTarget }
  /** Not on this site's host. */
  | { readonly kind: 'foreign' }
  /** On this site, but not an article's or a page's (home, archives, feeds). */
  | { readonly kind: 'not-supported' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'gone' };

type TargetDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

function targetOf(deps: TargetDeps, article: Article, settings: SiteSettings): DiscussionTarget {
  const now = deps.clock();
  const path =
    article.kind === 'page'
      ? pagePath(article.slug)
      : permalinkPath(article.slug, article.publishedAt ?? now, deps.timezone);
  return {
    article,
    path,
    url: `${deps.siteUrl}${path}`,
    state: discussionState(article, settings.discussion, now),
    settings,
  };
}

/** True when `url` is on this site's host (either scheme: a proxy may terminate TLS). */
export function isOurHost(deps: Pick<AppDeps, 'siteUrl'>, url: URL): boolean {
  return url.host === new URL(deps.siteUrl).host;
}

/** The live article with this id as a target, or null. Pass the settings if already read. */
export async function targetById(
  deps: TargetDeps,
  articleId: number,
  knownSettings?: SiteSettings,
): Promise<DiscussionTarget | null> {
  const [article, settings] = await Promise.all([
    deps.repos.articles.findById(articleId),
    knownSettings ?? loadSiteSettings(deps.repos.settings),
  ]);
  if (!article || !isLive(article, deps.clock())) return null;
  return targetOf(deps, article, settings);
}

/** The live article a URL on our site names: the query and fragment are ignored. */
async function articleAt(deps: TargetDeps, url: URL) {
  const found = await findArticleByPath(deps, url.pathname);
  // Old slugs and non-canonical spellings arrive through the site's own redirects.
  return found.kind === 'article' || found.kind === 'redirect' ? found.article : found.kind;
}

/** Maps a linkback target URL to one of our articles (Webmention §3.2.1, Pingback 1.0). */
export async function targetByUrl(deps: TargetDeps, url: URL): Promise<TargetLookup> {
  if (!isOurHost(deps, url)) return { kind: 'foreign' };
  if (!isContentPath(url.pathname)) return { kind: 'not-supported' };
  const [found, settings] = await Promise.all([
    articleAt(deps, url),
    loadSiteSettings(deps.repos.settings),
  ]);
  if (found === 'gone' || found === 'not-found') return { kind: found };
  return { kind: 'article', target: targetOf(deps, found, settings) };
}

/** The article a source URL on our own site names, if any (a self-ping, case E70). */
export async function ownArticleId(deps: TargetDeps, source: URL): Promise<number | null> {
  if (!isOurHost(deps, source) || !isContentPath(source.pathname)) return null;
  const found = await articleAt(deps, source);
  return typeof found === 'object' ? found.id : null;
}
