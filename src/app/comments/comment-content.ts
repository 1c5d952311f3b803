import type { TrustedHtml } from '../../domain/trusted-html.js';
import type { Markup } from '../ports.js';

export interface RenderedComment {
  readonly html: TrustedHtml;
  /** Link targets in the sanitised output, in order. */
  readonly links: readonly string[];
}

const unescapeAttr = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Renders the visitor Markdown subset to sanitised HTML. Links are read back from the sanitiser's
 * own output (always `href="…"`, attribute-escaped), so they are exactly the links a reader sees.
 */
export function renderComment(markup: Markup, source: string): RenderedComment {
  const html = markup.visitor(source);
  const links = [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) =>
    unescapeAttr(m[1] ?? ''),
  );
  return { html, links };
}
