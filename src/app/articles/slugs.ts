import type { ArticleKind } from '../../domain/article.js';
import { slugify } from '../../domain/slug.js';
import type { Repositories } from '../ports.js';

/**
 * First path segments the site itself answers: a page may not take one, or it would hide (or be
 * hidden by) the site's own routes.
 */
export const RESERVED_PAGE_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'ap',
  'author',
  'category',
  'tag',
  'page',
  'feed',
  'feeds',
  'search',
  'sitemap',
  'media',
  'assets',
  'comments',
  'webmention',
  'pingback',
  'trackback',
  'xmlrpc',
  'oembed',
  'healthz',
  'readyz',
  'metrics',
  'well-known',
  'robots',
  'favicon',
]);

/** The slug to store: the editor's (or the title's), made unique with -2, -3 … */
export async function uniqueSlug(
  repos: Pick<Repositories, 'articles'>,
  wanted: string,
  kind: ArticleKind,
  ownId?: number,
): Promise<string> {
  const base = slugify(wanted) || 'untitled';
  let candidate = base;
  for (let n = 2; ; n++) {
    const reserved =
      kind === 'page' && (RESERVED_PAGE_SLUGS.has(candidate) || /^\d+$/.test(candidate));
    const holder = reserved ? undefined : await repos.articles.findBySlug(candidate);
    if (!reserved && (!holder || holder.id === ownId)) return candidate;
    candidate = `${base}-${n}`;
  }
}
