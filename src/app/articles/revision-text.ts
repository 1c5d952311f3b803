/** Revision fields and values in words, the same for the terminal and the admin. */
import type { ArticleSnapshot, SnapshotField } from '../../domain/revision.js';

const LABELS: Readonly<Record<SnapshotField, string>> = {
  title: 'title',
  slug: 'slug',
  standfirst: 'standfirst',
  bodySource: 'body',
  excerpt: 'excerpt',
  categories: 'categories',
  tags: 'tags',
  bylines: 'bylines',
  commentsOpen: 'comments',
  commentsCloseAt: 'comments close at',
  linkbacksOpen: 'linkbacks',
  linkbacksCloseAt: 'linkbacks close at',
  publishedAt: 'published at',
  unpublishAt: 'unpublish at',
  trackbackTo: 'trackback to',
};

export const fieldLabel = (f: SnapshotField): string => LABELS[f];

/** Names for user ids (bylines, editors); an unknown id shows as `user N`. */
export type UserNames = ReadonlyMap<number, string>;

export const userName = (names: UserNames, id: number | null): string =>
  id === null ? 'system' : (names.get(id) ?? `user ${id}`);

/** A field's value as a short text: names for bylines, open/closed, `(none)` for empty. */
export function valueText(
  field: SnapshotField,
  value: ArticleSnapshot[SnapshotField],
  names: UserNames,
): string {
  if (field === 'bylines' && Array.isArray(value)) {
    return value.length ? value.map((id) => userName(names, Number(id))).join(', ') : '(none)';
  }
  if (typeof value === 'boolean') return value ? 'open' : 'closed';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (value === null || value === '') return '(none)';
  return String(value);
}
