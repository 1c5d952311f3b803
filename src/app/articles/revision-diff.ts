/** What differs between two article snapshots: the body line by line, the rest field by field. */
import { changedFields, type ArticleSnapshot, type SnapshotField } from '../../domain/revision.js';

export interface FieldChange {
  readonly field: Exclude<SnapshotField, 'bodySource'>;
  readonly before: ArticleSnapshot[SnapshotField];
  readonly after: ArticleSnapshot[SnapshotField];
}

/** A run of body lines with their context, as in a unified diff: ' ', '-' or '+' then the line. */
export interface BodyHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly string[];
}

export interface SnapshotDiff {
  /** Every field but the body that differs, in SNAPSHOT_FIELDS order. */
  readonly fields: readonly FieldChange[];
  /** The body's changed lines; empty when the body is the same. */
  readonly body: readonly BodyHunk[];
  /**
   * True when the two bodies are too far apart to compare line by line within the time allowed
   * (two unrelated 2 MB bodies): `body` is then empty and the body is reported as replaced.
   */
  readonly bodyReplaced: boolean;
}

/** Lines of context kept around each change of the body. */
const CONTEXT = 3;
/** A line diff of two huge, unrelated bodies can take long; past this it gives up. */
const BODY_DIFF_TIMEOUT_MS = 2_000;

/**
 * `before` → `after`; `before` null: everything `after` holds is new (a first revision). The diff
 * library is loaded on the first body diff, not by every process that starts the CLI or server.
 */
export async function diffSnapshots(
  before: ArticleSnapshot | null,
  after: ArticleSnapshot,
): Promise<SnapshotDiff> {
  const base = before ?? emptySnapshot;
  const changed = changedFields(base, after);
  const fields = changed
    .filter((f): f is FieldChange['field'] => f !== 'bodySource')
    .map((field) => ({ field, before: base[field], after: after[field] }));
  if (!changed.includes('bodySource')) return { fields, body: [], bodyReplaced: false };
  const { structuredPatch } = await import('diff');
  const patch = structuredPatch(
    'before',
    'after',
    withFinalNewline(base.bodySource),
    withFinalNewline(after.bodySource),
    undefined,
    undefined,
    { context: CONTEXT, timeout: BODY_DIFF_TIMEOUT_MS },
  );
  if (!patch) return { fields, body: [], bodyReplaced: true };
  const body = patch.hunks.map((h) => ({
    oldStart: h.oldStart,
    oldLines: h.oldLines,
    newStart: h.newStart,
    newLines: h.newLines,
    // The library marks a missing final newline with a line of its own; the body's is added above.
    lines: h.lines.filter((l) => !l.startsWith('\\')),
  }));
  return { fields, body, bodyReplaced: false };
}

/** Whether the two snapshots differ at all. */
export const isEmptyDiff = (d: SnapshotDiff): boolean =>
  d.fields.length === 0 && d.body.length === 0 && !d.bodyReplaced;

const withFinalNewline = (s: string): string => (s === '' || s.endsWith('\n') ? s : `${s}\n`);

/** What a first revision is compared with. */
export const emptySnapshot: ArticleSnapshot = {
  title: '',
  slug: '',
  standfirst: '',
  bodySource: '',
  excerpt: '',
  categories: [],
  tags: [],
  bylines: [],
  commentsOpen: false,
  commentsCloseAt: null,
  linkbacksOpen: false,
  linkbacksCloseAt: null,
  publishedAt: null,
  unpublishAt: null,
  trackbackTo: [],
};
