/** Sitemap index, URL sets (sitemaps.org 0.9) and the Google News sitemap. */
import type { NewsUrl, SitemapRef, SitemapUrl } from '../../app/reader/sitemaps.js';
import { document, el, rfc3339 } from './xml.js';

export const XML_TYPE = 'application/xml; charset=utf-8';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export function sitemapIndexXml(siteUrl: string, refs: readonly SitemapRef[]): string {
  return document(
    el(
      'sitemapindex',
      { xmlns: NS },
      ...refs.map((r) =>
        el(
          'sitemap',
          null,
          el('loc', null, `${siteUrl}${r.path}`),
          r.lastModified ? el('lastmod', null, rfc3339(r.lastModified)) : null,
        ),
      ),
    ),
  );
}

export function urlSetXml(urls: readonly SitemapUrl[]): string {
  return document(
    el(
      'urlset',
      { xmlns: NS },
      ...urls.map((u) =>
        el(
          'url',
          null,
          el('loc', null, u.url),
          u.lastModified ? el('lastmod', null, rfc3339(u.lastModified)) : null,
        ),
      ),
    ),
  );
}

export function newsSitemapXml(
  publication: { readonly name: string; readonly language: string },
  urls: readonly NewsUrl[],
): string {
  return document(
    el(
      'urlset',
      { xmlns: NS, 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9' },
      ...urls.map((u) =>
        el(
          'url',
          null,
          el('loc', null, u.url),
          el(
            'news:news',
            null,
            el(
              'news:publication',
              null,
              el('news:name', null, publication.name),
              el('news:language', null, publication.language),
            ),
            el('news:publication_date', null, rfc3339(u.publishedAt)),
            el('news:title', null, u.title),
          ),
        ),
      ),
    ),
  );
}
