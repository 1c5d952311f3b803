import type { TermKind } from '../../domain/article.js';
import { slugify } from '../../domain/slug.js';
import type { Repositories } from '../ports.js';

/**
 * The term ids for names an editor typed, creating terms that do not exist yet.
 * "News/Politics" files the article under Politics, a child of News.
 */
export async function ensureTerms(
  repos: Pick<Repositories, 'terms'>,
  kind: TermKind,
  names: readonly string[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const parts =
      kind === 'category'
        ? name
            .split('/')
            .map((p) => p.trim())
            .filter(Boolean)
        : [name];
    let parent: number | null = null;
    for (const part of parts) {
      const term = await repos.terms.ensure(kind, part, slugify(part), parent);
      parent = term.id;
    }
    if (parent !== null && !ids.includes(parent)) ids.push(parent);
  }
  return ids;
}

/** Every category and tag id for an article's names. */
export async function termIdsFor(
  repos: Pick<Repositories, 'terms'>,
  categories: readonly string[],
  tags: readonly string[],
): Promise<number[]> {
  return [
    ...(await ensureTerms(repos, 'category', categories)),
    ...(await ensureTerms(repos, 'tag', tags)),
  ];
}
