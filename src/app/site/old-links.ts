/**
 * Links a site had before it moved here (WordPress's `?p=123`, `/?page_id=45`, its own
 * permalinks such as `/2013/01/11/slug/`), kept in the slug history so they answer with a 301
 * to the article's place now.
 */
import { isLive } from '../../domain/article.js';
import { articlePath } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';

/** The longest old path kept (the slug history's column). */
export const OLD_PATH_MAX = 300;

/**
 * One spelling per link: the path and query of a URL (or of a `/path?query`), with
 * percent-escapes in upper case; null when it cannot be one.
 */
export function oldLinkPath(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw, 'http://old.invalid');
  } catch {
    return null;
  }
  const path = `${u.pathname}${u.search}`.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
  return path.length <= OLD_PATH_MAX ? path : null;
}

/** The path a live article now answers at, for an old link of it; null when there is none. */
export async function findByOldLink(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone'>,
  pathAndQuery: string,
): Promise<string | null> {
  const path = oldLinkPath(pathAndQuery);
  if (!path) return null;
  const [bare, query = ''] = path.split(/\?(.*)/s, 2) as [string, string?];
  const candidates = [path];
  if (!bare.endsWith('/')) candidates.push(`${bare}/${query ? `?${query}` : ''}`);
  const now = deps.clock();
  for (const candidate of candidates) {
    const article = await deps.repos.articles.findByOldPath(candidate);
    if (article && isLive(article, now)) return articlePath(deps, article);
  }
  return null;
}
