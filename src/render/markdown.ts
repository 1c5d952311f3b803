import MarkdownIt from 'markdown-it';
import type { ArticleMarkupOptions, Markup } from '../app/ports.js';
import type { TrustedHtml } from '../domain/trusted-html.js';
import { useMediaImages } from './media-images.js';
import { sanitizeArticleHtml, sanitizeVisitorHtml } from './sanitize.js';

const articleRenderer = new MarkdownIt({ html: true, linkify: true, typographer: true });
useMediaImages(articleRenderer);

/** Article Markdown (staff-written; inline HTML allowed, then sanitised). */
export function renderArticleMarkdown(
  source: string,
  options: ArticleMarkupOptions = {},
): TrustedHtml {
  return sanitizeArticleHtml(articleRenderer.render(source, { media: options, imageCount: 0 }));
}

// Visitors get a small subset: emphasis, links, code, quotes and lists; no raw HTML, no images,
// no headings or tables that could restyle the page.
const visitorRenderer = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable(
  ['emphasis', 'link', 'linkify', 'backticks', 'blockquote', 'list', 'newline', 'fence', 'code'],
);

export function renderVisitorMarkdown(source: string): TrustedHtml {
  return sanitizeVisitorHtml(visitorRenderer.render(source));
}

/** The app's Markup port over these two renderers. */
export const markdownMarkup = {
  article: renderArticleMarkdown,
  visitor: renderVisitorMarkdown,
} satisfies Markup;
