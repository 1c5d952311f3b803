/**
 * What the audit log keeps of one setting's change: before and after for a value, and for a list
 * the entries added and removed (a block list may hold thousands; the log keeps what moved).
 */

/** Entries of each side kept in the log; the count says how many there were. */
const LIST_SAMPLE = 50;
const TEXT_CAP = 300;

export type ChangeSummary =
  | { readonly before: unknown; readonly after: unknown }
  | {
      readonly added: readonly string[];
      readonly removed: readonly string[];
      readonly addedCount: number;
      readonly removedCount: number;
      readonly entries: number;
    };

const capped = (v: unknown): unknown =>
  typeof v === 'string' && v.length > TEXT_CAP ? `${v.slice(0, TEXT_CAP)}…` : v;

export function summarizeChange(change: {
  readonly before: unknown;
  readonly after: unknown;
}): ChangeSummary {
  const { before, after } = change;
  if (Array.isArray(before) && Array.isArray(after)) {
    const was = new Set(before.map(String));
    const is = new Set(after.map(String));
    const added = [...is].filter((x) => !was.has(x));
    const removed = [...was].filter((x) => !is.has(x));
    return {
      added: added.slice(0, LIST_SAMPLE).map((x) => String(capped(x))),
      removed: removed.slice(0, LIST_SAMPLE).map((x) => String(capped(x))),
      addedCount: added.length,
      removedCount: removed.length,
      entries: is.size,
    };
  }
  return { before: capped(before), after: capped(after) };
}

/** One line for people: `comments.holdAll: false → true`, `comments.blockWords: +2 −1 (7)`. */
export function changeLine(key: string, s: ChangeSummary): string {
  if ('added' in s) return `${key}: +${s.addedCount} −${s.removedCount} (${s.entries} entries)`;
  const show = (v: unknown) => (v === null ? 'none' : JSON.stringify(v));
  return `${key}: ${show(s.before)} → ${show(s.after)}`;
}
