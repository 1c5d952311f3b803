/**
 * HTML escaping for markup built as strings, byte for byte what hono/jsx writes for text and
 * attribute values (`& < > " '`), so a part of a page can move off JSX without changing the page.
 */
const SPECIAL = /[&<>'"]/;
const SPECIAL_ALL = /[&<>'"]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITY[c] ?? c) : text;
}
