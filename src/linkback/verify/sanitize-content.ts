/**
 * Sanitises remote `e-content` HTML for display (W3C Webmention §4.1: data shown from a source MUST be filtered against XSS).
 * Allowlist only: p, br, a[href], em, strong, blockquote, code, pre, ul, ol, li. Links are
 * resolved against the source URL, kept only when http(s), and get `rel="nofollow ugc"`; no
 * attribute other than href/rel survives (so no style, on*, class). `b`/`i` become
 * `strong`/`em`, headings become paragraphs; the text of script-like elements is dropped.
 */
import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../../lazy-require.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';
import { parseHttpUrl } from '../url.js';
import { escapeXml } from '../xml-escape.js';

/**
 * HTML that came out of `sanitizeContent`: the only remote markup a renderer may emit raw. It is
 * the domain's TrustedHtml, so the store and the theme accept it without a cast.
 */
export type SanitizedHtml = TrustedHtml;

const ALLOWED_TAGS = [
  'p',
  'br',
  'a',
  'em',
  'strong',
  'blockquote',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
];

/** Elements whose text is not content; everything else unknown is unwrapped, keeping text. */
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'title',
  'head',
  'select',
  'button',
];

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Loaded by the first verification, never by a server that only serves pages. */
const sanitizeHtml = lazyRequire<typeof SanitizeHtml>('sanitize-html');

export function sanitizeContent(html: string, base: string | URL): SanitizedHtml {
  const clean = sanitizeHtml()(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    nonTextTags: NON_TEXT_TAGS,
    transformTags: {
      b: 'strong',
      i: 'em',
      ...Object.fromEntries(HEADINGS.map((h) => [h, 'p'])),
      a: (_tagName, attribs) => {
        const url = attribs['href'] === undefined ? null : parseHttpUrl(attribs['href'], base);
        const kept: SanitizeHtml.Attributes =
          url === null ? {} : { href: url.href, rel: 'nofollow ugc' };
        return { tagName: 'a', attribs: kept };
      },
    },
  });
  return clean.trim() as SanitizedHtml;
}

/** Plain text as SanitizedHtml (escaped, line breaks kept), for `p-content` without markup. */
export function textToSanitizedHtml(text: string): SanitizedHtml {
  return escapeXml(text).replace(/\r?\n/g, '<br>') as SanitizedHtml;
}
