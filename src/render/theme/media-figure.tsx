import type { FeaturedImage, PictureModel, ShareImage } from '../../app/media/picture.js';
import { ARTICLE_SIZES, type Loading } from '../picture-html.js';
import { escapeHtml } from './escape.js';

/** A `<picture>` for a page of the site (the markup the JSX theme wrote, byte for byte). */
export function pictureElementHtml(
  picture: PictureModel,
  sizes: string,
  loading: Loading,
  priority = false,
): string {
  const s = escapeHtml(sizes);
  let out = '<picture>';
  for (const src of picture.sources) {
    out += `<source type="${escapeHtml(src.type)}" srcset="${escapeHtml(src.srcset)}" sizes="${s}"/>`;
  }
  return (
    `${out}<img src="${escapeHtml(picture.src)}" srcset="${escapeHtml(picture.srcset)}" sizes="${s}"` +
    ` width="${picture.width}" height="${picture.height}" alt="${escapeHtml(picture.alt)}"` +
    ` loading="${loading}" decoding="async"${priority ? ' fetchpriority="high"' : ''}/></picture>`
  );
}

/** The featured image at the top of an article, eager (it is above the fold), with its credit. */
export function featuredFigureHtml(image: FeaturedImage): string {
  const { caption, credit } = image;
  let out = `<figure class="featured">${pictureElementHtml(image.picture, ARTICLE_SIZES, 'eager', true)}`;
  if (caption || credit) {
    out += '<figcaption>';
    if (caption) out += `<span class="caption">${escapeHtml(caption)}</span>`;
    if (caption && credit) out += ' ';
    if (credit) out += `<span class="credit">${escapeHtml(credit)}</span>`;
    out += '</figcaption>';
  }
  return `${out}</figure>`;
}

/** The lead story spans the page; the others sit in the grid's columns. */
const LEAD_SIZES = '(min-width: 1150px) 1116px, calc(100vw - 32px)';
const STORY_SIZES = '(min-width: 760px) 360px, calc(100vw - 32px)';

/** A story's image in a listing: the lead's loads eagerly, the rest lazily (below the fold). */
export function storyImageHtml(image: FeaturedImage, lead: boolean): string {
  return `<p class="story-image">${pictureElementHtml(image.picture, lead ? LEAD_SIZES : STORY_SIZES, lead ? 'eager' : 'lazy')}</p>`;
}

/** Open Graph and Twitter card image tags (https://ogp.me/#structured, Twitter card markup). */
export function shareImageMetaHtml(image: ShareImage): string {
  const url = escapeHtml(image.url);
  const alt = escapeHtml(image.alt);
  return (
    `<meta property="og:image" content="${url}"/><meta property="og:image:type" content="${escapeHtml(image.type)}"/>` +
    `<meta property="og:image:width" content="${image.width}"/><meta property="og:image:height" content="${image.height}"/>` +
    (image.alt ? `<meta property="og:image:alt" content="${alt}"/>` : '') +
    `<meta name="twitter:card" content="summary_large_image"/><meta name="twitter:image" content="${url}"/>` +
    (image.alt ? `<meta name="twitter:image:alt" content="${alt}"/>` : '')
  );
}
