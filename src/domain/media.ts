/**
 * Media library rules with no I/O: the formats we accept, the ladder of widths every image is
 * served at, and the content-addressed keys and URLs of each variant.
 */

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const FORMAT_MIME: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

export const FORMAT_EXT: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
};

/** The widths variants are made at; never wider than the (capped) original. */
export const WIDTH_LADDER = [320, 640, 960, 1280, 1600, 2048] as const;

/** The longest side an original is kept at (WordPress's "big image" threshold). */
export const ORIGINAL_MAX_SIDE = 2560;

/** Characters of the content's SHA-256 (hex) that name its folder and URLs: 64 bits. */
export const HASH_PREFIX_LENGTH = 16;

export interface MediaItem {
  readonly id: number;
  /** The first HASH_PREFIX_LENGTH hex digits of the upload's SHA-256: its URL folder. */
  readonly hash: string;
  readonly sha256: string;
  /** The format of the kept original (sniffed from its bytes, never from a file name). */
  readonly format: ImageFormat;
  /** The kept original's size, after orientation and the cap. */
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly animated: boolean;
  readonly hasAlpha: boolean;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
  readonly originalName: string;
  readonly createdAt: Date;
  /** When the variant job finished; null while it is queued. */
  readonly variantsReadyAt: Date | null;
}

export interface Variant {
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
  /** Storage key, `<hash>/<width>.<ext>`; also the URL below `/media/`. */
  readonly key: string;
}

/** Widths an image of `width` pixels is served at: the ladder below it, then its own width. */
export function variantWidths(width: number): number[] {
  return [...WIDTH_LADDER.filter((w) => w < width), width];
}

/**
 * The format browsers without AVIF/WebP get: the original's own when it is a classic web
 * format, else PNG for images with transparency and JPEG for the rest.
 */
export function fallbackFormat(
  item: Pick<MediaItem, 'format' | 'hasAlpha' | 'animated'>,
): ImageFormat {
  if (item.format === 'jpeg' || item.format === 'png' || item.format === 'gif') return item.format;
  if (item.animated) return 'gif';
  return item.hasAlpha ? 'png' : 'jpeg';
}

/**
 * Formats, best first. Animated images skip AVIF (sharp writes still AVIF only); WebP keeps the
 * animation. The original's own format is always among them, so the kept original is a variant.
 */
export function variantFormats(
  item: Pick<MediaItem, 'format' | 'hasAlpha' | 'animated'>,
): ImageFormat[] {
  const best: ImageFormat[] = item.animated ? ['webp'] : ['avif', 'webp'];
  return [...new Set([...best, fallbackFormat(item), item.format])];
}

export function variantKey(hash: string, width: number, format: ImageFormat): string {
  return `${hash}/${width}.${FORMAT_EXT[format]}`;
}

export function mediaPath(key: string): string {
  return `/media/${key}`;
}

/** Every variant of an item, the kept original included (its own width, its own format). */
export function variantPlan(
  item: Pick<MediaItem, 'hash' | 'format' | 'width' | 'height' | 'hasAlpha' | 'animated'>,
): Variant[] {
  const out: Variant[] = [];
  for (const format of variantFormats(item)) {
    for (const width of variantWidths(item.width)) {
      out.push({
        width,
        height: Math.max(1, Math.round((item.height * width) / item.width)),
        format,
        key: variantKey(item.hash, width, format),
      });
    }
  }
  return out;
}

/** The kept original's key. */
export const originalKey = (item: Pick<MediaItem, 'hash' | 'width' | 'format'>) =>
  variantKey(item.hash, item.width, item.format);

const HASH_RE = new RegExp(`^[0-9a-f]{${HASH_PREFIX_LENGTH}}$`);
const FILE_RE = /^([1-9][0-9]{0,4})\.(jpg|png|webp|avif|gif)$/;

/** A URL's `<hash>/<file>` as a variant request, or null when it cannot name one. */
export function parseVariantRequest(
  hash: string,
  file: string,
): { readonly hash: string; readonly width: number; readonly format: ImageFormat } | null {
  if (!HASH_RE.test(hash)) return null;
  const m = FILE_RE.exec(file);
  if (!m) return null;
  const format = IMAGE_FORMATS.find((f) => FORMAT_EXT[f] === m[2]);
  if (!format) return null;
  return { hash, width: Number(m[1]), format };
}

/** Dimensions scaled to fit a square of `max` pixels, never enlarged. */
export function capDimensions(
  width: number,
  height: number,
  max = ORIGINAL_MAX_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
