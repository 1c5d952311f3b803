/**
 * Text that is safe in any XML 1.0 document. XML 1.0 §2.2 allows only TAB, LF, CR and
 * U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF: every other code point (C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) makes a strict parser stop, so it is dropped, never escaped
 * (`&#1;` is just as illegal). Non-ASCII text is kept as it is (documents are UTF-8).
 */

const ILLEGAL =
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the code points XML 1.0 forbids. */
export function xmlChars(text: string): string {
  return text.replace(ILLEGAL, '');
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escaped for element content and attribute values alike. `>` is always escaped too, so `]]>`
 * can never appear (XML 1.0 §2.4); no CDATA section is ever written.
 */
export function xmlEscape(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
