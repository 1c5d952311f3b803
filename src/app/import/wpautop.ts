/**
 * WordPress stores post bodies without their paragraphs: `wpautop()` adds them when the page is
 * shown (a blank line ends a paragraph, a single newline is a `<br>`). Our body source is
 * Markdown with inline HTML, so the import makes those paragraphs explicit HTML once, here, and
 * keeps everything else (markup, block-editor comments, shortcodes) as it was:
 *
 * - text between blank lines that does not start with a block-level tag becomes `<p>…</p>`,
 *   with its single newlines as `<br />`;
 * - a chunk starting with a block tag (`<p>`, `<div>`, `<ul>`, `<h2>`, `<figure>`, a comment
 *   such as `<!-- wp:paragraph -->`, …) is kept as written;
 * - `<pre>`, `<script>`, `<style>` and `<textarea>` are left untouched (newlines inside matter);
 * - leading indentation is dropped outside those, since Markdown would read four spaces as code.
 *
 * It is a deliberate subset of wpautop (no `<br>` inside block chunks, no shortcode handling).
 */

const BLOCK_START =
  /^<(?:!--|\/?(?:address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|legend|li|main|map|math|menu|nav|ol|p|pre|section|summary|svg|table|tbody|td|tfoot|th|thead|tr|ul|iframe|object|video|audio|embed|style|script|textarea|option|select)\b)/i;

/** Placeholders use NUL, which XML (so a WXR field) can never contain. */
// eslint-disable-next-line no-control-regex -- NUL is the point
const HELD = /^\u0000\d+\u0000$/;
// eslint-disable-next-line no-control-regex -- NUL is the point
const HELD_ANY = /\u0000(\d+)\u0000/g;

const RAW_BLOCK = /<(pre|script|style|textarea)\b[\s\S]*?<\/\1\s*>/gi;

export function wpautop(content: string): string {
  const text = content.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return '';
  // Raw blocks are set aside behind placeholders that no real text contains.
  const held: string[] = [];
  const guarded = text.replace(RAW_BLOCK, (m) => `\u0000${held.push(m) - 1}\u0000`);
  const chunks = guarded
    .split(/\n[ \t]*\n/)
    .map((c) =>
      c
        .split('\n')
        .map((line) => line.trim())
        .join('\n')
        .trim(),
    )
    .filter((c) => c !== '');
  const out = chunks.map((chunk) => {
    if (BLOCK_START.test(chunk) || HELD.test(chunk)) return chunk;
    return `<p>${chunk.replace(/\n/g, '<br />\n')}</p>`;
  });
  return out.join('\n\n').replace(HELD_ANY, (_, i: string) => held[Number(i)] ?? '');
}
