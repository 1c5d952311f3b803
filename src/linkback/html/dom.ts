/**
 * Small helpers over parse5's default tree. parse5 implements the HTML standard's parser, so
 * comments, escaped markup (`&lt;a&gt;`) and the raw text of `<script>`/`<style>` never become
 * elements, and `<template>` contents live in a separate fragment that `walkElements` does not
 * enter — which is exactly what discovery and link verification need.
 */
import type * as Parse5 from 'parse5';
import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { lazyRequire } from '../../lazy-require.js';

/** Loaded on the first parse (discovery, verification, excerpts), not when serving pages. */
export const parse5 = lazyRequire<typeof Parse5>('parse5');

export type HtmlDocument = T.Document;
export type HtmlElement = T.Element;
export type HtmlNode = T.Node;
export type HtmlParentNode = T.ParentNode;

/** Elements whose text is never page prose. */
const NON_TEXT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

export function parseHtmlDocument(body: string): HtmlDocument {
  return parse5().parse(body);
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/**
 * Visits every element in document order (depth first). Return `false` from `visit` to stop
 * the walk, `'skip'` to skip the element's subtree.
 */
export function walkElements(
  root: HtmlParentNode,
  visit: (element: HtmlElement) => boolean | 'skip' | void,
): void {
  const stack: HtmlNode[] = [...root.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as HtmlNode;
    if (!isElement(node)) continue;
    const verdict = visit(node);
    if (verdict === false) return;
    if (verdict === 'skip') continue;
    for (let i = node.childNodes.length - 1; i >= 0; i--)
      stack.push(node.childNodes[i] as HtmlNode);
  }
}

/** Attribute value by (lowercase) name, or undefined when absent. */
export function getAttr(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** Space-separated token list (rel, class), ASCII-lowercased as HTML compares them. */
export function tokens(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .filter((t) => t.length > 0);
}

/** True when any ancestor of `element` (or the element itself) satisfies `test`. */
export function hasAncestor(element: HtmlElement, test: (e: HtmlElement) => boolean): boolean {
  let node: HtmlParentNode | null = element;
  while (node !== null && isElement(node)) {
    if (test(node)) return true;
    node = node.parentNode;
  }
  return false;
}

/**
 * The document base URL (HTML §2.4.1 "document base URL"): the first `<base href>` resolved
 * against the response URL, else the response URL itself.
 */
export function documentBaseUrl(document: HtmlDocument, finalUrl: string | URL): URL {
  const fallback = new URL(finalUrl);
  let base: URL = fallback;
  walkElements(document, (element) => {
    if (element.tagName !== 'base') return true;
    const href = getAttr(element, 'href');
    if (href === undefined) return true;
    try {
      base = new URL(href.trim(), fallback);
    } catch {
      base = fallback;
    }
    return false;
  });
  return base;
}

/** Concatenated text of a subtree, skipping script/style/template and other non-prose. */
export function textContent(node: HtmlNode): string {
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  if (!isElement(node) && node.nodeName !== '#document' && node.nodeName !== '#document-fragment') {
    return '';
  }
  if (isElement(node) && NON_TEXT_ELEMENTS.has(node.tagName)) return '';
  let text = '';
  for (const child of (node as HtmlParentNode).childNodes) text += textContent(child);
  return text;
}

/** The text of the first `<title>` element, whitespace-collapsed, or undefined. */
export function documentTitle(document: HtmlDocument): string | undefined {
  let title: string | undefined;
  walkElements(document, (element) => {
    if (element.tagName !== 'title' || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      return true;
    }
    title = element.childNodes
      .map((c) => (c.nodeName === '#text' ? (c as T.TextNode).value : ''))
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    return false;
  });
  return title === '' ? undefined : title;
}
