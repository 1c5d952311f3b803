/**
 * The one normaliser of search text, used for what is indexed and for what readers type, so
 * both sides always agree; and the highlighter that marks matches in the ORIGINAL text.
 *
 * Neither SQLite FTS5 nor PostgreSQL's parser gets these right out of the box, so the text they
 * see is already folded: every token is lower-case letters, digits and the marks we keep,
 * separated by single spaces, with no character either engine treats as syntax.
 *
 * - case: full lower-casing, then Turkic dotless ı and dotted İ fold to i ("IŞIQ" ~ "ışıq"),
 *   final sigma to σ, ß to ss;
 * - compatibility forms (ligatures, full-width letters, Arabic presentation forms) to plain ones;
 * - accents: the combining diacritical marks of Latin, Greek and Cyrillic ("Inès" ~ "Ines");
 * - Arabic-script vowel marks (harakat U+064B–U+065F, superscript alef U+0670, Quranic marks
 *   U+06D6–U+06ED) and the tatweel U+0640 (Urdu with and without vowel marks); Hebrew points;
 * - zero-width joiners and non-joiners, word joiners, soft hyphens, BOMs and variation selectors
 *   inside words are dropped (a zero-width space separates words).
 * Marks of other scripts (Devanagari vowel signs, Thai tone marks) are kept: they are letters.
 */

/** Invisible characters that never separate words: dropped. */
// eslint-disable-next-line no-misleading-character-class -- these are lone joiners and marks on purpose
const INVISIBLE = /[\u00AD\u034F\u061C\u180E\u200C\u200D\u2060-\u2064\uFEFF\uFE00-\uFE0F]/gu;

/** Marks folded away after NFKD decomposition. */
const FOLDED_MARKS =
  // eslint-disable-next-line no-misleading-character-class -- combining marks, matched alone on purpose
  /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;

/** A token: letters, numbers and the marks that remain. */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/** Longest token kept (longer ones are junk: base64, hashes); PostgreSQL refuses > 2 KB words. */
export const MAX_TOKEN_LENGTH = 64;

/** Folds one stretch of text: case, compatibility forms, accents, vowel marks, invisibles. */
export function foldSearchText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKD')
    .replace(FOLDED_MARKS, '')
    .toLowerCase()
    .replace(/[ıİ]/gu, 'i')
    .replace(/ς/gu, 'σ')
    .replace(/ß/gu, 'ss')
    .normalize('NFC');
}

/** The tokens of a text, folded, in order (duplicates kept). */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of foldSearchText(text).matchAll(TOKEN)) {
    if (m[0].length <= MAX_TOKEN_LENGTH) out.push(m[0]);
  }
  return out;
}

/** The text as the search engines index it: its tokens joined by single spaces. */
export function normaliseSearchText(text: string): string {
  return searchTokens(text).join(' ');
}

/** The most of a reader's query looked at (a 10 KB paste is cut, not refused). */
export const MAX_QUERY_CHARS = 500;
/** The most terms a query keeps; all must match. */
export const MAX_QUERY_TERMS = 12;

/** A reader's query as distinct folded terms (empty: nothing to search for). */
export function queryTerms(raw: string): string[] {
  return [...new Set(searchTokens(raw.slice(0, MAX_QUERY_CHARS)))].slice(0, MAX_QUERY_TERMS);
}

/** A run of original text, marked when it matched a query term. */
export interface TextSegment {
  readonly text: string;
  readonly hit: boolean;
}

/** Words of the original text (what a token is made of, plus the invisibles folded away). */
// eslint-disable-next-line no-misleading-character-class -- joiners and marks inside words, on purpose
const WORD = /[\p{L}\p{N}\p{M}\u00AD\u200C\u200D\u2060\uFEFF\uFE00-\uFE0F]+/gu;

const isHit = (word: string, terms: ReadonlySet<string>) =>
  searchTokens(word).some((t) => terms.has(t));

/** Marks every word of `text` whose folded form is a query term (titles: shown whole). */
export function highlightAll(text: string, terms: readonly string[]): TextSegment[] {
  return segments(text, 0, text.length, new Set(terms));
}

function segments(text: string, from: number, to: number, terms: ReadonlySet<string>) {
  const out: TextSegment[] = [];
  let at = from;
  const push = (s: string, hit: boolean) => {
    if (s === '') return;
    const last = out[out.length - 1];
    if (last && last.hit === hit) out[out.length - 1] = { text: last.text + s, hit };
    else out.push({ text: s, hit });
  };
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(WORD)) {
    const start = from + (m.index ?? 0);
    if (!isHit(m[0], terms)) continue;
    push(text.slice(at, start), false);
    push(m[0], true);
    at = start + m[0].length;
  }
  push(text.slice(at, to), false);
  return out;
}

/**
 * A passage of about `size` characters of the original text around the first matching word,
 * cut at spaces, with every match in it marked and an ellipsis where text was left out. Without
 * a match: the opening of the text.
 */
export function snippet(text: string, terms: readonly string[], size = 240): TextSegment[] {
  const set = new Set(terms);
  let first = -1;
  for (const m of text.matchAll(WORD)) {
    if (isHit(m[0], set)) {
      first = m.index ?? 0;
      break;
    }
  }
  let start = first <= size / 4 ? 0 : first - Math.floor(size / 4);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space !== -1 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + size);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + size / 2) end = space;
  }
  // Never cut a surrogate pair in two.
  if (start > 0 && /[\uDC00-\uDFFF]/u.test(text[start] ?? '')) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/u.test(text[end] ?? '')) end++;
  const body = segments(text, start, end, set);
  return [
    ...(start > 0 ? [{ text: '… ', hit: false }] : []),
    ...body,
    ...(end < text.length ? [{ text: ' …', hit: false }] : []),
  ];
}
