import type { Author, Term } from '../../domain/article.js';

/** Where a category's or a tag's archive lives. */
export const termPath = (t: Pick<Term, 'kind' | 'slug'>): string =>
  `/${t.kind === 'category' ? 'category' : 'tag'}/${t.slug}/`;

/** Where an author's archive lives. */
export const authorPath = (a: Pick<Author, 'slug'>): string => `/author/${a.slug}/`;
