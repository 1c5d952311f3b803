/**
 * The elements that count as "a link to the target" in an HTML source (W3C Webmention §3.2.2; decision 2 in docs/conformance.md):
 * `a[href]` as the Webmention spec says, plus `img/video/audio/source[src]` as XRay does.
 * Each URL is resolved against the document base URL and compared without its fragment.
 * `<area>`, `<link>` and `<iframe>` deliberately do not count. Comments, `<script>`/`<style>`
 * text and `<template>` contents are never elements in parse5's tree, so they never match.
 */
import {
  getAttr,
  hasAncestor,
  tokens,
  walkElements,
  type HtmlDocument,
  type HtmlElement,
} from '../html/dom.js';
import { matchKey } from '../url.js';

export type LinkElementKind = 'a' | 'img' | 'video' | 'audio' | 'source';

const URL_ATTRIBUTE: Record<LinkElementKind, string> = {
  a: 'href',
  img: 'src',
  video: 'src',
  audio: 'src',
  source: 'src',
};

const HTML_NS = 'http://www.w3.org/1999/xhtml';

export interface TargetLink {
  readonly element: HtmlElement;
  readonly kind: LinkElementKind;
  /** True when the element sits inside an h-entry (or mf1 `hentry`) root. */
  readonly inEntry: boolean;
}

/** Every element linking to `targetKey` (a `matchKey`), in document order. */
export function findTargetLinks(
  document: HtmlDocument,
  base: URL,
  targetKey: string,
): TargetLink[] {
  const links: TargetLink[] = [];
  walkElements(document, (element) => {
    if (element.namespaceURI !== HTML_NS || !(element.tagName in URL_ATTRIBUTE)) return;
    const kind = element.tagName as LinkElementKind;
    const value = getAttr(element, URL_ATTRIBUTE[kind]);
    if (value === undefined || matchKey(value, base) !== targetKey) return;
    links.push({ element, kind, inEntry: hasAncestor(element, isEntryRoot) });
  });
  return links;
}

/** True when the document has any h-entry (or mf1 `hentry`) root element. */
export function hasEntryRoot(document: HtmlDocument): boolean {
  let found = false;
  walkElements(document, (element) => {
    found = isEntryRoot(element);
    return !found;
  });
  return found;
}

function isEntryRoot(element: HtmlElement): boolean {
  const classes = tokens(getAttr(element, 'class'));
  return classes.includes('h-entry') || classes.includes('hentry');
}
