/**
 * Characters a terminal may act on instead of printing: C0 controls (U+0000–U+001F, which include
 * ESC, BEL, NUL, CR, LF and TAB), DEL (U+007F), C1 controls (U+0080–U+009F, which include CSI
 * U+009B and NEL U+0085), the line and paragraph separators (U+2028, U+2029) and the bidirectional
 * formatting characters of Unicode UAX #9 §2 (ALM U+061C, LRM/RLM U+200E–U+200F, the embeddings
 * and overrides U+202A–U+202E, the isolates U+2066–U+2069).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const escape = (ch: string): string => {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Visitor text made safe to print on a moderator's terminal: every character a terminal could
 * act on (see UNPRINTABLE) is replaced by a visible escape such as `\x1b` or `\u202e`, so the text
 * can neither move the cursor, recolour, retitle or clear the screen, ring the bell, overwrite
 * what was printed before it, break a tab-separated line, nor reverse what follows it. Everything
 * else is kept as it was. Only for human-readable output: machine output (`--json`) stays exact.
 */
export function terminalText(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}
