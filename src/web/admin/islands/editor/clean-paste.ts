/**
 * Clipboard HTML (Google Docs, Word, web pages) to clean Markdown. Pure: a string in, a string
 * out, so it is tested on HTML strings in Node (turndown parses with domino there, with the
 * browser's DOMParser in the island).
 *
 * What the word processors put on the clipboard, and why each rule exists:
 * - Google Docs wraps the whole selection in `<b style="font-weight:normal" id="docs-internal-guid-…">`
 *   (not bold), marks bold and italic only as span styles (`font-weight:700`, `font-style:italic`),
 *   and writes an empty paragraph as a bare `<br>` between blocks.
 * - Word sends a whole document (`<style>` with mso rules, `<o:p>` fillers, conditional comments),
 *   and its lists are not lists: each item is a `<p style="mso-list:l0 level1 lfo1">` whose
 *   bullet or number is typed out in a `<span style="mso-list:Ignore">`.
 * - Both use non-breaking spaces for layout (empty paragraphs, gaps after list markers).
 */
import TurndownService from 'turndown';

type El = HTMLElement;

const styleOf = (node: El): string => (node.getAttribute('style') ?? '').toLowerCase();
const isDocsWrapper = (node: El): boolean =>
  node.nodeName === 'B' && (node.getAttribute('id') ?? '').startsWith('docs-internal-guid');
// Not `mso-bidi-font-style`: Word's right-to-left variants say nothing about the text shown.
const ITALIC = /(?:^|[;\s])font-style\s*:\s*italic/;
const BLOCKS = /^(P|H[1-6]|UL|OL|LI|DIV|TABLE|BLOCKQUOTE|PRE)$/;

function insideHeading(node: El): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (/^H[1-6]$/.test(p.nodeName)) return true;
  return false;
}

function spanWeight(style: string): 'bold' | 'normal' | null {
  const m = /(?:^|[;\s])font-weight\s*:\s*([a-z0-9]+)/.exec(style);
  if (!m?.[1]) return null;
  const w = m[1];
  return w === 'bold' || w === 'bolder' || Number(w) >= 600 ? 'bold' : 'normal';
}

/** The Word list marker span (`mso-list:Ignore`) of a list paragraph, or null. */
function wordListMarker(node: El): El | null {
  for (const span of Array.from(node.getElementsByTagName('span'))) {
    if (/mso-list\s*:\s*ignore/.test(styleOf(span))) return span;
  }
  return null;
}

function isWordListParagraph(node: El): boolean {
  return (
    node.nodeName === 'P' &&
    (/mso-list\s*:\s*l\d+/.test(styleOf(node)) ||
      /^MsoListParagraph/.test(node.getAttribute('class') ?? ''))
  );
}

/** Links and images only to places a reader can follow: the web, mail, and our own paths. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  const u = url.trim();
  return /^(https?:|mailto:|\/|#)/i.test(u) ? u : null;
}

function converter(): TurndownService {
  const td = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '_',
    strongDelimiter: '**',
  });
  td.remove(['style', 'script', 'meta', 'title', 'head', 'link', 'noscript', 'iframe', 'object']);

  td.addRule('docsWrapper', { filter: isDocsWrapper, replacement: (content) => content });
  td.addRule('blockSpacerBreak', {
    // A `<br>` directly between blocks (Docs' empty paragraph, Apple's interchange newline) is
    // spacing, not a line break inside text.
    filter: (node) =>
      node.nodeName === 'BR' &&
      (!node.parentNode ||
        isDocsWrapper(node.parentNode as El) ||
        (node.getAttribute('class') ?? '').includes('Apple-interchange') ||
        BLOCKS.test(node.previousElementSibling?.nodeName ?? '') ||
        BLOCKS.test(node.nextElementSibling?.nodeName ?? '') ||
        (node.parentNode as El).id === 'turndown-root'),
    replacement: () => '',
  });
  td.addRule('wordListMarker', {
    filter: (node) => node.nodeName === 'SPAN' && /mso-list\s*:\s*ignore/.test(styleOf(node)),
    replacement: () => '',
  });
  td.addRule('wordListParagraph', {
    filter: isWordListParagraph,
    replacement: (content, node) => {
      const marker = (wordListMarker(node)?.textContent ?? '').replace(/\s+/g, '');
      const ordered = /^([0-9]+|[a-z]|[ivxlc]+)[.)]$/i.test(marker);
      const number = /^(\d+)[.)]$/.exec(marker)?.[1] ?? '1';
      const level = Number(/level(\d+)/.exec(styleOf(node))?.[1] ?? '1');
      const indent = '    '.repeat(Math.max(0, level - 1));
      const text = content.replace(/^[\s\u00a0]+/, '').trim();
      return `\n${indent}${ordered ? `${number}.` : '-'} ${text}\n`;
    },
  });
  td.addRule('tightListItem', {
    // Docs puts a `<p>` in every item; one paragraph per item is a tight list, not a loose one.
    filter: 'li',
    replacement: (content, node) => {
      const list = node.parentNode as El | null;
      let prefix = '- ';
      if (list?.nodeName === 'OL') {
        const items = Array.from(list.children).filter((c) => c.nodeName === 'LI');
        prefix = `${Number(list.getAttribute('start') ?? '1') + items.indexOf(node)}. `;
      }
      const body = content
        .replace(/^\n+|\n+$/g, '')
        .replace(/\n/g, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${body}${node.nextSibling ? '\n' : ''}`;
    },
  });
  td.addRule('nestedListWithoutItem', {
    // Docs nests a sub-list directly in the list, not in an item; indent it under the last item.
    filter: (node) =>
      (node.nodeName === 'UL' || node.nodeName === 'OL') &&
      /^(UL|OL)$/.test(node.parentNode?.nodeName ?? ''),
    replacement: (content) =>
      '\n' +
      content
        .replace(/^\n+|\n+$/g, '')
        .split('\n')
        .map((line) => (line ? `    ${line}` : line))
        .join('\n') +
      '\n',
  });
  td.addRule('styledSpan', {
    filter: (node) =>
      (node.nodeName === 'SPAN' || node.nodeName === 'FONT') &&
      !insideHeading(node) &&
      (spanWeight(styleOf(node)) === 'bold' || ITALIC.test(styleOf(node))),
    replacement: (content, node) => {
      if (!content.trim()) return content;
      const style = styleOf(node);
      let out = content;
      if (ITALIC.test(style)) out = `_${out}_`;
      if (spanWeight(style) === 'bold') out = `**${out}**`;
      return out;
    },
  });
  td.addRule('boldInHeading', {
    // A heading is already strong; Word and Docs often bold its text as well.
    filter: (node) => (node.nodeName === 'B' || node.nodeName === 'STRONG') && insideHeading(node),
    replacement: (content) => content,
  });
  td.addRule('notBold', {
    // `<b style="font-weight:normal">` is not bold, whoever sent it.
    filter: (node) =>
      (node.nodeName === 'B' || node.nodeName === 'STRONG') &&
      spanWeight(styleOf(node)) === 'normal',
    replacement: (content) => content,
  });
  td.addRule('safeLink', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      const href = safeUrl(node.getAttribute('href'));
      if (!href || !content.trim()) return content;
      const title = node.getAttribute('title');
      return `[${content}](${href.replace(/[()]/g, (c) => encodeURIComponent(c))}${title ? ` "${title.replace(/"/g, '\\"')}"` : ''})`;
    },
  });
  td.addRule('safeImage', {
    // Word's `file:` and `cid:` images and pasted `data:` blobs cannot be published from here.
    filter: 'img',
    replacement: (_content, node) => {
      const src = safeUrl(node.getAttribute('src'));
      if (!src) return '';
      const alt = (node.getAttribute('alt') ?? '').replace(/[[\]]/g, '');
      return `![${alt}](${src})`;
    },
  });
  return td;
}

/** Word's fragment markers: everything outside them is the document frame. */
function fragmentOf(html: string): string {
  const start = html.indexOf('<!--StartFragment-->');
  const end = html.indexOf('<!--EndFragment-->');
  return start >= 0 && end > start ? html.slice(start + 20, end) : html;
}

function tidy(markdown: string): string {
  return markdown
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => (/^\s+$/.test(line) ? '' : line.replace(/(\S) {3,}$/, '$1')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export type PasteConverter = (html: string) => string;

/** A converter from clipboard HTML to Markdown; build one per editor and reuse it. */
export function pasteConverter(): PasteConverter {
  const td = converter();
  return (html) => tidy(td.turndown(fragmentOf(html)));
}
