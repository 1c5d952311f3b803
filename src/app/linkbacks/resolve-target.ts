/**
 * Maps a linkback target URL to one of our articles (PROTOCOLS §2.4 step 4, §3.3 step 4): the
 * host must be the site's; the fragment and query are ignored; old slugs and non-canonical
 * spellings are followed through the site's own redirects (at most three hops). Pages that are
 * not articles (home, archives, feeds) are "not supported" rather than "not found".
 */
import type { Article } from '../../domain/article.js';
import { parsePermalinkPath } from '../../domain/permalink.js';
import type { SiteSettings } from '../site-settings.js';
import { articleByPath } from '../site/read-model.js';
import type { LinkbackDeps } from './deps.js';

export type TargetResolution =
  | {
      readonly kind: 'article';
      readonly article: Article;
      /** The canonical permalink, absolute. */
      readonly url: string;
      readonly linkbacksOpen: boolean;
      readonly settings: SiteSettings;
    }
  | { readonly kind: 'foreign' }
  | { readonly kind: 'not-supported' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'gone' };

const MAX_HOPS = 3;

/** True when `url` is on this site's host (either scheme: a proxy may terminate TLS). */
export function isOurHost(deps: Pick<LinkbackDeps, 'siteUrl'>, url: URL): boolean {
  return url.host === new URL(deps.siteUrl).host;
}

export async function resolveTarget(deps: LinkbackDeps, target: URL): Promise<TargetResolution> {
  if (!isOurHost(deps, target)) return { kind: 'foreign' };
  let path = target.pathname;
  if (parsePermalinkPath(path) === null) return { kind: 'not-supported' };
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const lookup = await articleByPath(deps, path);
    switch (lookup.kind) {
      case 'article':
        return {
          kind: 'article',
          article: lookup.model.article,
          url: lookup.model.url,
          linkbacksOpen: lookup.model.discussion.state.linkbacks.open,
          settings: lookup.settings,
        };
      case 'redirect':
        path = new URL(lookup.location, deps.siteUrl).pathname;
        break;
      case 'gone':
        return { kind: 'gone' };
      case 'not-found':
        return { kind: 'not-found' };
    }
  }
  return { kind: 'not-found' };
}

/** The article a source URL on our own site names, if any (self-pings, §6 E 70). */
export async function ownArticleId(deps: LinkbackDeps, source: URL): Promise<number | null> {
  if (!isOurHost(deps, source)) return null;
  const r = await resolveTarget(deps, source);
  return r.kind === 'article' ? r.article.id : null;
}
