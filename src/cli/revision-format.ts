/** Revisions and their differences as terminal lines (pure: the command prints what it returns). */
import type { RevisionComparison } from '../app/articles/revisions.js';
import { fieldLabel, userName, valueText, type UserNames } from '../app/articles/revision-text.js';
import type { Revision } from '../domain/revision.js';
import { terminalText } from './terminal-text.js';

export { fieldLabel, type UserNames };

/** One line per revision: number, time, editor, reason, what changed. */
export function revisionLine(r: Revision, names: UserNames): string {
  const changed = r.changed.length ? r.changed.map(fieldLabel).join(', ') : '-';
  return [r.number, r.createdAt.toISOString(), userName(names, r.editorId), r.reason, changed]
    .map((cell) => terminalText(String(cell)))
    .join('\t');
}

const side = (r: Revision | null | 'current'): string =>
  r === null
    ? '(nothing: before the first revision)'
    : r === 'current'
      ? 'the article as it is now'
      : `revision ${r.number} · ${r.createdAt.toISOString()} · ${r.reason}`;

/** A unified-diff-like view: headers, each changed field before and after, then the body's hunks. */
export function comparisonLines(c: RevisionComparison, names: UserNames): string[] {
  const lines = [`--- ${side(c.from)}`, `+++ ${side(c.to)}`];
  const { fields, body, bodyReplaced } = c.diff;
  if (fields.length === 0 && body.length === 0 && !bodyReplaced) {
    lines.push('(no differences)');
    return lines.map(terminalText);
  }
  for (const f of fields) {
    lines.push(
      `${fieldLabel(f.field)}:`,
      `- ${valueText(f.field, f.before, names)}`,
      `+ ${valueText(f.field, f.after, names)}`,
    );
  }
  if (bodyReplaced) lines.push('body: replaced (too different to compare line by line)');
  if (body.length > 0) {
    lines.push('body:');
    for (const h of body) {
      lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
    }
  }
  return lines.map(terminalText);
}
