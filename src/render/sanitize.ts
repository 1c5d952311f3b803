import sanitizeHtml from 'sanitize-html';
import type { TrustedHtml } from '../domain/trusted-html.js';

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

const ARTICLE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'figure',
    'figcaption',
    'picture',
    'source',
    'del',
    'ins',
    'sup',
    'sub',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'hreflang'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['srcset', 'type', 'media'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start', 'reversed'],
    blockquote: ['cite'],
    '*': ['id', 'lang'],
  },
  allowedSchemes: SAFE_SCHEMES,
  allowProtocolRelative: false,
};

/** Article bodies: written by staff, still sanitised so a pasted script cannot run. */
export function sanitizeArticleHtml(html: string): TrustedHtml {
  return sanitizeHtml(html, ARTICLE_OPTIONS) as TrustedHtml;
}

const VISITOR_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc' }),
  },
};

/** Anything a visitor or a remote site wrote: a small allowlist, links marked nofollow ugc. */
export function sanitizeVisitorHtml(html: string): TrustedHtml {
  return sanitizeHtml(html, {
    ...VISITOR_OPTIONS,
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemesByTag: { a: ['http', 'https'] },
  }) as TrustedHtml;
}

/**
 * Comments brought in from another system: the visitors' allowlist over their HTML as it was
 * stored there (headings, tables and images keep their text, lose their markup).
 */
export function sanitizeImportedCommentHtml(html: string): TrustedHtml {
  return sanitizeVisitorHtml(html);
}
