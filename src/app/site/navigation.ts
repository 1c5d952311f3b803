/** What the masthead and the footer link: the top-level sections and the published pages. */
import { pagePath } from '../../domain/permalink.js';
import type { AppDeps } from '../deps.js';
import { termPath } from './paths.js';
import type { Linked } from './view-models.js';

export const MAX_SECTIONS = 12;
export const MAX_FOOTER_PAGES = 20;

export async function siteNavigation(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
): Promise<{ sections: Linked[]; pages: Linked[] }> {
  const [sections, pages] = await Promise.all([
    deps.repos.reader.topCategories(MAX_SECTIONS),
    deps.repos.reader.livePages(deps.clock(), MAX_FOOTER_PAGES),
  ]);
  return {
    sections: sections.map((s) => ({ name: s.name, path: termPath(s) })),
    pages: pages.map((p) => ({ name: p.title, path: pagePath(p.slug) })),
  };
}
