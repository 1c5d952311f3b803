/** oEmbed responses: JSON and XML (oEmbed 1.0 §2.3.4), and the embed's HTML. */
import type { OEmbedArticle } from '../../app/reader/oembed.js';
import { escapeHtml } from '../theme/escape.js';
import { document, el } from './xml.js';

export interface Provider {
  readonly name: string;
  readonly url: string;
}

/**
 * A plain blockquote (no iframe, no script): the headline linked, the summary, the byline and the
 * site. It sizes to the width the consumer allows.
 */
export function embedHtml(a: OEmbedArticle, provider: Provider): string {
  return (
    `<blockquote class="newsdesk-embed" style="max-width:${a.width}px" cite="${escapeHtml(a.url)}">` +
    `<p><a href="${escapeHtml(a.url)}">${escapeHtml(a.title)}</a></p>` +
    (a.summary ? `<p>${escapeHtml(a.summary)}</p>` : '') +
    `<footer>${escapeHtml(a.authorName)} · <a href="${escapeHtml(provider.url)}/">${escapeHtml(provider.name)}</a></footer>` +
    `</blockquote>`
  );
}

function fields(a: OEmbedArticle, provider: Provider): Record<string, string | number> {
  return {
    version: '1.0',
    type: a.type,
    title: a.title,
    author_name: a.authorName,
    author_url: a.authorUrl,
    provider_name: provider.name,
    provider_url: `${provider.url}/`,
    cache_age: 3600,
    ...(a.type === 'rich'
      ? { html: embedHtml(a, provider), width: a.width, height: a.height }
      : {}),
  };
}

export const oembedJson = (a: OEmbedArticle, provider: Provider): string =>
  JSON.stringify(fields(a, provider));

export const oembedXml = (a: OEmbedArticle, provider: Provider): string =>
  document(
    el(
      'oembed',
      null,
      ...Object.entries(fields(a, provider)).map(([k, v]) => el(k, null, String(v))),
    ),
  );
