/**
 * Rebuilds the whole search index from the articles, in one transaction (readers see the old
 * index until it commits): after a bulk import written around the use cases, or when the
 * normaliser changes.
 */
import type { AppDeps } from '../deps.js';
import { reindexArticle } from './document.js';

export async function reindexSearch(deps: Pick<AppDeps, 'repos' | 'uow'>): Promise<number> {
  const ids = await deps.repos.reader.publishedIds();
  await deps.uow.run(async ({ repos }) => {
    await repos.search.clear();
    for (const id of ids) await reindexArticle(repos, id);
  });
  return ids.length;
}
