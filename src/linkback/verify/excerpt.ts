/**
 * Plain-text excerpt around the link to our target, for pingbacks, trackbacks and mentions
 * (as WordPress shows them: `pingback_ping` in wp-includes/class-wp-xmlrpc-server.php): the nearest block element holding the link gives
 * the context; the link text is capped at 100 characters and about 100 characters of text are
 * kept on each side, cut at word boundaries with "…" marking the cuts.
 */
import { collapseWhitespace, cropText, isBlockElement } from '../html/text.js';
import {
  getAttr,
  isElement,
  textContent,
  walkElements,
  type HtmlElement,
  type HtmlNode,
} from '../html/dom.js';
import type { TargetLink } from './link-elements.js';

export const EXCERPT_CONTEXT_CHARS = 100;
export const EXCERPT_LINK_TEXT_MAX = 100;

export function excerptAroundLink(link: TargetLink): string {
  const block = blockAncestor(link.element);
  const parts: Parts = { before: '', after: '', seenLink: false };
  collect(block, link.element, parts);
  const linkText = cropText(linkTextOf(link.element), EXCERPT_LINK_TEXT_MAX);
  const before = keepTail(parts.before.replace(/\s+/g, ' ').trimStart(), EXCERPT_CONTEXT_CHARS);
  const after = keepHead(parts.after.replace(/\s+/g, ' ').trimEnd(), EXCERPT_CONTEXT_CHARS);
  return collapseWhitespace(`${before}${linkText}${after}`);
}

/** First `max` characters of text, as an excerpt when no link position is known. */
export function leadingExcerpt(text: string, max = EXCERPT_CONTEXT_CHARS * 2): string {
  return keepHead(collapseWhitespace(text), max);
}

/** The link's text, else the alt text of the image it is or wraps. */
function linkTextOf(element: HtmlElement): string {
  const text = collapseWhitespace(textContent(element));
  if (text !== '') return text;
  let alt = getAttr(element, 'alt');
  walkElements(element, (child) => {
    alt ??= child.tagName === 'img' ? getAttr(child, 'alt') : undefined;
    return alt === undefined;
  });
  return collapseWhitespace(alt ?? '');
}

function blockAncestor(element: HtmlElement): HtmlElement {
  let node: HtmlElement = element;
  while (node.parentNode !== null && isElement(node.parentNode)) {
    node = node.parentNode;
    if (isBlockElement(node.tagName) || node.tagName === 'body') return node;
  }
  return node;
}

/** Splits the block's text into what comes before and after the link element. */
interface Parts {
  before: string;
  after: string;
  seenLink: boolean;
}

function collect(node: HtmlNode, link: HtmlElement, parts: Parts): void {
  if (node === link) {
    parts.seenLink = true;
    return;
  }
  if (!isElement(node)) {
    const text = textContent(node);
    if (parts.seenLink) parts.after += text;
    else parts.before += text;
    return;
  }
  // Elements without prose (script, style, images) add nothing unless they hold the link.
  if (textContent(node) === '' && !containsNode(node, link)) return;
  const boundary = isBlockElement(node.tagName) ? ' ' : '';
  if (parts.seenLink) parts.after += boundary;
  else parts.before += boundary;
  for (const child of node.childNodes) collect(child, link, parts);
  if (parts.seenLink) parts.after += boundary;
  else parts.before += boundary;
}

function containsNode(root: HtmlElement, target: HtmlElement): boolean {
  let node: HtmlElement | null = target;
  while (node !== null) {
    if (node === root) return true;
    node = node.parentNode !== null && isElement(node.parentNode) ? node.parentNode : null;
  }
  return false;
}

function keepTail(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const tail = chars.slice(-max).join('');
  const space = tail.indexOf(' ');
  return `…${space >= 0 && space < max / 2 ? tail.slice(space) : tail}`;
}

function keepHead(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const space = head.lastIndexOf(' ');
  return `${space > max / 2 ? head.slice(0, space) : head}…`;
}
