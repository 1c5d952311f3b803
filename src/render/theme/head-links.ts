/**
 * `<link>` elements as a string, byte for byte what hono/jsx writes for them. Through hono/jsx each
 * `<link>` is a "document metadata" element: it registers a callback that searches and rewrites
 * the whole page buffer for `</head>` once the page is built, which cost about 5% of an article
 * render for the dozen links an article head carries.
 */
import { escapeHtml } from './escape.js';

export interface LinkAttributes {
  readonly rel: string;
  readonly href: string;
  readonly type?: string | undefined;
  readonly title?: string | undefined;
}

export function linkTagHtml(l: LinkAttributes): string {
  let out = `<link rel="${escapeHtml(l.rel)}" href="${escapeHtml(l.href)}"`;
  if (l.type !== undefined) out += ` type="${escapeHtml(l.type)}"`;
  if (l.title !== undefined) out += ` title="${escapeHtml(l.title)}"`;
  return `${out}/>`;
}

export function linkTagsHtml(links: readonly LinkAttributes[]): string {
  let out = '';
  for (const l of links) out += linkTagHtml(l);
  return out;
}
