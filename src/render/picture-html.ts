import type { PictureModel } from '../app/media/picture.js';
import { escapeHtml } from './theme/escape.js';

export type Loading = 'lazy' | 'eager';

/**
 * A library image as `<picture>` markup: AVIF and WebP sources, the fallback format on the
 * `<img>`, every width in `srcset`, `sizes` for the article column, and width/height so the
 * browser reserves the box before the bytes arrive. The sanitiser (sanitize.ts) allows exactly
 * these elements and attributes.
 */
export function pictureHtml(p: PictureModel, alt: string, sizes: string, loading: Loading): string {
  const sources = p.sources
    .map(
      (s) =>
        `<source type="${escapeHtml(s.type)}" srcset="${escapeHtml(s.srcset)}" sizes="${escapeHtml(sizes)}" />`,
    )
    .join('');
  return (
    `<picture>${sources}<img src="${escapeHtml(p.src)}" srcset="${escapeHtml(p.srcset)}" ` +
    `sizes="${escapeHtml(sizes)}" width="${p.width}" height="${p.height}" alt="${escapeHtml(alt)}" ` +
    `loading="${loading}" decoding="async" /></picture>`
  );
}

/** The article column: 40rem of 18 px type, or the screen less the page's padding. */
export const ARTICLE_SIZES = '(min-width: 760px) 720px, calc(100vw - 32px)';
