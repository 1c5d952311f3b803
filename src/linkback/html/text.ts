/**
 * Plain-text helpers: HTML → text through parse5 (never a tag-stripping regex), whitespace
 * collapsing and cropping by code point so a surrogate pair is never cut in half.
 */
import { parse5, textContent, walkElements, type HtmlParentNode } from './dom.js';

/** Block-level elements: their boundaries separate words even without whitespace in the source. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

export function isBlockElement(tagName: string): boolean {
  return BLOCK_ELEMENTS.has(tagName);
}

/** Collapses every run of whitespace to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Text of an HTML fragment, tags removed, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const fragment: HtmlParentNode = parse5().parseFragment(html);
  // A space at each block boundary keeps "<p>a</p><p>b</p>" from becoming "ab".
  walkElements(fragment, (element) => {
    if (isBlockElement(element.tagName)) {
      element.childNodes.unshift({ nodeName: '#text', value: ' ', parentNode: element });
      element.childNodes.push({ nodeName: '#text', value: ' ', parentNode: element });
    }
  });
  return collapseWhitespace(textContent(fragment));
}

/** Crops to `max` code points, appending `ellipsis` only when something was cut. */
export function cropText(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max).join('').trimEnd() + ellipsis;
}

/**
 * Crops to at most `max` code points, the ellipsis included, ending at a word boundary when one
 * falls in the last two fifths (article excerpts, moderation listings).
 */
export function cropAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
