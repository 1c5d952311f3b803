import type { MarkdownIt } from 'markdown-it';
import type MarkdownItClass from 'markdown-it';
import type { ArticleMarkupOptions, Markup } from '../app/ports.js';
import type { TrustedHtml } from '../domain/trusted-html.js';
import { useMediaImages } from './media-images.js';
import { sanitizeArticleHtml, sanitizeVisitorHtml } from './sanitize.js';
import { lazyRequire } from '../lazy-require.js';

/** Loaded by the first write that renders Markdown, never by a server that only serves pages. */
const markdownIt = lazyRequire<typeof MarkdownItClass>('markdown-it');

let article: MarkdownIt | undefined;
const articleRenderer = (): MarkdownIt => {
  if (article) return article;
  const Md = markdownIt();
  article = new Md({ html: true, linkify: true, typographer: true });
  useMediaImages(article);
  return article;
};

/** Article Markdown (staff-written; inline HTML allowed, then sanitised). */
export function renderArticleMarkdown(
  source: string,
  options: ArticleMarkupOptions = {},
): TrustedHtml {
  return sanitizeArticleHtml(articleRenderer().render(source, { media: options, imageCount: 0 }));
}

// Visitors get a small subset: emphasis, links, code, quotes and lists; no raw HTML, no images,
// no headings or tables that could restyle the page.
let visitor: MarkdownIt | undefined;
const visitorRenderer = (): MarkdownIt =>
  (visitor ??= new (markdownIt())('zero', { html: false, linkify: true, breaks: true }).enable([
    'emphasis',
    'link',
    'linkify',
    'backticks',
    'blockquote',
    'list',
    'newline',
    'fence',
    'code',
  ]));

export function renderVisitorMarkdown(source: string): TrustedHtml {
  return sanitizeVisitorHtml(visitorRenderer().render(source));
}

/** The app's Markup port over these two renderers. */
export const markdownMarkup = {
  article: renderArticleMarkdown,
  visitor: renderVisitorMarkdown,
} satisfies Markup;
