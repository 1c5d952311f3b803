/**
 * A revision keeps an article's whole editable state as it was saved, so any revision can be shown,
 * compared with another and restored. Dates are ISO strings: a snapshot is stored as JSON.
 */
export interface ArticleSnapshot {
  readonly title: string;
  readonly slug: string;
  readonly standfirst: string;
  readonly bodySource: string;
  /** The editor's own excerpt; empty: made from the body. */
  readonly excerpt: string;
  /** Category paths ("News/Local") and tag names, as an editor types them. */
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  /** User ids of the bylines, in order. */
  readonly bylines: readonly number[];
  readonly commentsOpen: boolean;
  readonly commentsCloseAt: string | null;
  readonly linkbacksOpen: boolean;
  readonly linkbacksCloseAt: string | null;
  readonly publishedAt: string | null;
  readonly unpublishAt: string | null;
  readonly trackbackTo: readonly string[];
}

export type SnapshotField = keyof ArticleSnapshot;

export const SNAPSHOT_FIELDS: readonly SnapshotField[] = [
  'title',
  'slug',
  'standfirst',
  'bodySource',
  'excerpt',
  'categories',
  'tags',
  'bylines',
  'commentsOpen',
  'commentsCloseAt',
  'linkbacksOpen',
  'linkbacksCloseAt',
  'publishedAt',
  'unpublishAt',
  'trackbackTo',
];

/** Why a revision was saved. */
export type RevisionReason = 'create' | 'edit' | 'restore' | 'correction' | 'import';

export interface Revision {
  readonly id: number;
  readonly articleId: number;
  /** 1 for the first revision of an article, counting up. */
  readonly number: number;
  readonly editorId: number | null;
  readonly createdAt: Date;
  readonly reason: RevisionReason;
  readonly changed: readonly SnapshotField[];
  readonly snapshot: ArticleSnapshot;
}

const same = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((v, i) => v === b[i])
    : a === b;

/** The fields whose values differ between two snapshots, in SNAPSHOT_FIELDS order. */
export function changedFields(before: ArticleSnapshot, after: ArticleSnapshot): SnapshotField[] {
  return SNAPSHOT_FIELDS.filter((f) => !same(before[f], after[f]));
}
