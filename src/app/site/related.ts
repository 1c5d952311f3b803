/** "Related articles": live articles sharing the most tags or categories with this one. */
import type { Article } from '../../domain/article.js';
import { permalinkPath } from '../../domain/permalink.js';
import type { AppDeps } from '../deps.js';

export const RELATED_COUNT = 4;

export interface RelatedStory {
  readonly title: string;
  readonly path: string;
  readonly publishedAt: Date;
}

export async function relatedArticles(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone'>,
  article: Pick<Article, 'id' | 'kind'>,
  limit = RELATED_COUNT,
): Promise<RelatedStory[]> {
  if (article.kind !== 'article') return [];
  const found = await deps.repos.reader.related(article.id, deps.clock(), limit);
  return found.map((a) => {
    const publishedAt = a.publishedAt ?? a.createdAt;
    return { title: a.title, path: permalinkPath(a.slug, publishedAt, deps.timezone), publishedAt };
  });
}
