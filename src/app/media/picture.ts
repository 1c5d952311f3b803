/** How a library image is shown: the `<picture>` sources, and the image share cards name. */
import {
  fallbackFormat,
  FORMAT_MIME,
  mediaPath,
  variantFormats,
  variantPlan,
  type MediaItem,
  type Variant,
} from '../../domain/media.js';

export interface PictureSource {
  readonly type: string;
  readonly srcset: string;
}

export interface PictureModel {
  /** Best formats first (AVIF, WebP); the `<img>` carries the fallback format. */
  readonly sources: readonly PictureSource[];
  readonly src: string;
  readonly srcset: string;
  readonly type: string;
  /** The original's size: with `height: auto` in CSS the box keeps its ratio (no layout shift). */
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/** The image Open Graph, Twitter cards, JSON-LD and feeds point at: absolute, a classic format. */
export interface ShareImage {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly type: string;
  readonly alt: string;
}

export interface FeaturedImage {
  readonly mediaId: number;
  readonly picture: PictureModel;
  readonly caption: string;
  readonly credit: string;
  readonly share: ShareImage;
}

const srcsetOf = (variants: readonly Variant[]) =>
  variants.map((v) => `${mediaPath(v.key)} ${v.width}w`).join(', ');

/** The widest variant of `format` no wider than `target` (the narrowest if all are wider). */
function pick(variants: readonly Variant[], target: number): Variant {
  const fitting = variants.filter((v) => v.width <= target);
  return fitting.length > 0 ? fitting[fitting.length - 1]! : variants[0]!;
}

export function pictureOf(item: MediaItem, alt: string = item.alt): PictureModel {
  const plan = variantPlan(item);
  const fallback = fallbackFormat(item);
  const ofFormat = (f: string) => plan.filter((v) => v.format === f);
  const fallbackVariants = ofFormat(fallback);
  return {
    sources: variantFormats(item)
      .filter((f) => f !== fallback)
      .map((f) => ({ type: FORMAT_MIME[f], srcset: srcsetOf(ofFormat(f)) })),
    src: mediaPath(pick(fallbackVariants, 960).key),
    srcset: srcsetOf(fallbackVariants),
    type: FORMAT_MIME[fallback],
    width: item.width,
    height: item.height,
    alt,
  };
}

export function shareImageOf(item: MediaItem, siteUrl: string): ShareImage {
  const fallback = fallbackFormat(item);
  const chosen = pick(
    variantPlan(item).filter((v) => v.format === fallback),
    1280,
  );
  return {
    url: `${siteUrl}${mediaPath(chosen.key)}`,
    width: chosen.width,
    height: chosen.height,
    type: FORMAT_MIME[fallback],
    alt: item.alt,
  };
}

export function featuredImageOf(item: MediaItem, siteUrl: string): FeaturedImage {
  return {
    mediaId: item.id,
    picture: pictureOf(item),
    caption: item.caption,
    credit: item.credit,
    share: shareImageOf(item, siteUrl),
  };
}

/** The featured images of some articles, in one query (none when no article has one). */
export async function featuredImages(
  repos: { readonly media: { findByIds(ids: readonly number[]): Promise<MediaItem[]> } },
  articles: readonly { readonly id: number; readonly featuredMediaId?: number | null }[],
  siteUrl: string,
): Promise<Map<number, FeaturedImage>> {
  const ids = articles.flatMap((a) => (a.featuredMediaId ? [a.featuredMediaId] : []));
  if (ids.length === 0) return new Map();
  const items = new Map((await repos.media.findByIds(ids)).map((m) => [m.id, m]));
  const out = new Map<number, FeaturedImage>();
  for (const a of articles) {
    const item = a.featuredMediaId ? items.get(a.featuredMediaId) : undefined;
    if (item) out.set(a.id, featuredImageOf(item, siteUrl));
  }
  return out;
}
