/**
 * Entity tags of admin API items and the If-Match check (RFC 9110 §8.8.3, §13.1.1). An article's
 * tag names its latest revision, so "the version I read" and "the revision I started from" are
 * the same thing: If-Match becomes the use case's `expectedRevision`.
 */

/** The strong ETag of an article at a revision: `"article-12-r5"`. */
export function articleEtag(id: number, revision: number): string {
  return `"article-${id}-r${revision}"`;
}

/** The strong ETag of an item without revisions, from its id and last change. */
export function itemEtag(kind: string, id: number, changedAt: Date): string {
  return `"${kind}-${id}-${changedAt.getTime().toString(36)}"`;
}

export type IfMatch =
  | { readonly kind: 'any' }
  | { readonly kind: 'tags'; readonly tags: readonly string[] }
  | { readonly kind: 'malformed' };

/** The If-Match field: `*`, or a list of entity tags (weak ones kept, to fail strong comparison). */
export function parseIfMatch(value: string): IfMatch {
  const v = value.trim();
  if (v === '*') return { kind: 'any' };
  const tags: string[] = [];
  const re = /\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < v.length && (m = re.exec(v)) !== null) {
    tags.push(`${m[1] ?? ''}${m[2] ?? ''}`);
  }
  if (tags.length === 0 || re.lastIndex < v.length) return { kind: 'malformed' };
  return { kind: 'tags', tags };
}

/** True when the field matches the current tag by strong comparison (weak tags never do). */
export function ifMatchHolds(field: IfMatch, current: string): boolean {
  if (field.kind === 'any') return true;
  if (field.kind === 'malformed') return false;
  return field.tags.some((t) => !t.startsWith('W/') && t === current);
}

/** The revision an If-Match names for article `id`, when it names exactly one of this article. */
export function revisionNamed(field: IfMatch, id: number): number | null {
  if (field.kind !== 'tags') return null;
  for (const t of field.tags) {
    const m = /^"article-(\d+)-r(\d+)"$/.exec(t);
    if (m && Number(m[1]) === id) return Number(m[2]);
  }
  return null;
}
