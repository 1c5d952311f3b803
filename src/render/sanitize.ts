import type SanitizeHtml from 'sanitize-html';
import type { TrustedHtml } from '../domain/trusted-html.js';
import { lazyRequire } from '../lazy-require.js';

/** Loaded on the first write that sanitises, never by a server that only serves pages. */
const sanitizer = lazyRequire<typeof SanitizeHtml>('sanitize-html');

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

const articleOptions = (sanitizeHtml: typeof SanitizeHtml): SanitizeHtml.IOptions => ({
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
    // Library images (render/picture-html.ts) use src/srcset/sizes/width/height/loading/decoding.
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    source: ['srcset', 'sizes', 'type', 'media'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start', 'reversed'],
    blockquote: ['cite'],
    '*': ['id', 'lang'],
  },
  allowedSchemes: SAFE_SCHEMES,
  allowProtocolRelative: false,
  // <source> is void in HTML; without this it would be written with a closing tag.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
});
let ARTICLE_OPTIONS: SanitizeHtml.IOptions | undefined;

/** Article bodies: written by staff, still sanitised so a pasted script cannot run. */
export function sanitizeArticleHtml(html: string): TrustedHtml {
  const sanitizeHtml = sanitizer();
  ARTICLE_OPTIONS ??= articleOptions(sanitizeHtml);
  return sanitizeHtml(html, ARTICLE_OPTIONS) as TrustedHtml;
}

const visitorOptions = (sanitizeHtml: typeof SanitizeHtml): SanitizeHtml.IOptions => ({
  allowedTags: ['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc' }),
  },
});
let VISITOR_OPTIONS: SanitizeHtml.IOptions | undefined;

/** Anything a visitor or a remote site wrote: a small allowlist, links marked nofollow ugc. */
export function sanitizeVisitorHtml(html: string): TrustedHtml {
  const sanitizeHtml = sanitizer();
  VISITOR_OPTIONS ??= visitorOptions(sanitizeHtml);
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
  // Most imported comments are plain text in paragraphs (what wpautop makes of them): the
  // allowlist keeps such HTML byte for byte, so the parser is skipped (an import sanitises
  // hundreds of thousands of them). Anything else, an entity included, takes the full path.
  if (PLAIN_PARAGRAPHS.test(html)) return html as TrustedHtml;
  return sanitizeVisitorHtml(html);
}

/**
 * `<p>` paragraphs of text with no `<`, `>` or `&` (so no tag, comment or character reference
 * inside), line breaks as `<br />`, whitespace between them: the visitors' allowlist outputs
 * exactly its input (sanitize.test.ts checks it against the parser).
 */
const PLAIN_PARAGRAPHS = /^(?:\s*<p>(?:[^<>&]|<br \/>)*<\/p>)*\s*$/;
