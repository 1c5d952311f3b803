/**
 * XML text/attribute escaping for everything we emit (XML-RPC, TrackBack responses, RDF).
 * Characters XML 1.0 forbids (§2.2 Char: C0 controls other than TAB/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF) would make the whole document unparseable, so they become U+FFFD.
 */

const FORBIDDEN_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for use in XML element content or a quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_XML_CHARS, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
