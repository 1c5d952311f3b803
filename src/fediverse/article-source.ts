import type { Repositories } from '../app/ports.js';
import { shareImageOf } from '../app/media/picture.js';
import { isLive } from '../domain/article.js';
import { pagePath, permalinkPath } from '../domain/permalink.js';
import type { FederatedArticle } from './federation.js';

/**
 * A live article as federation describes it: the page's sanitised HTML, its summary (the
 * standfirst, else the excerpt), the page URL, its tags as hashtags and its featured image.
 * Anything not live (draft, scheduled, withdrawn, in the trash) is null: its object id answers 404.
 */
export function articleSource(deps: {
  readonly repos: Repositories;
  readonly siteUrl: string;
  readonly timezone: string;
  readonly now: () => Date;
}) {
  return async (id: number): Promise<FederatedArticle | null> => {
    const a = await deps.repos.articles.findById(id);
    if (a === undefined || a.publishedAt === null || !isLive(a, deps.now())) return null;
    const path =
      a.kind === 'page' ? pagePath(a.slug) : permalinkPath(a.slug, a.publishedAt, deps.timezone);
    const terms = (await deps.repos.terms.forArticles([id])).get(id) ?? [];
    const media =
      a.featuredMediaId == null ? undefined : await deps.repos.media.findById(a.featuredMediaId);
    const image = media === undefined ? null : shareImageOf(media, deps.siteUrl);
    return {
      id,
      title: a.title,
      contentHtml: a.bodyHtml,
      summary: a.standfirst || a.excerpt,
      url: `${deps.siteUrl}${path}`,
      publishedAt: a.publishedAt,
      updatedAt: a.updatedAt,
      tags: terms
        .filter((t) => t.kind === 'tag')
        .map((t) => ({ name: t.name.replace(/\s+/g, ''), url: `${deps.siteUrl}/tag/${t.slug}/` })),
      image: image === null ? null : { url: image.url, mediaType: image.type, alt: image.alt },
    };
  };
}
