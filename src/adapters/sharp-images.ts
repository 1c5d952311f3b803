import type { default as SharpFactory, Metadata, Sharp } from 'sharp';
import type { ImageProcessor, ImageProbe } from '../app/media/ports.js';
import type { ImageFormat, MediaItem } from '../domain/media.js';

type SharpModule = typeof SharpFactory;

/** The frames an animated image may have; the pixel limit counts every one of them. */
const MAX_VARIANT_INPUT_PIXELS = 2560 * 2560 * 1000;

/**
 * Encoder settings chosen for speed at a size close to the slow settings' (bench/README.md,
 * media rows): mozjpeg took 10–30× libjpeg-turbo's time for a few per cent, AVIF effort 2 about
 * 8× effort 0 for a similar file, WebP effort 4 twice effort 2.
 */
function encode(img: Sharp, format: ImageFormat, purpose: 'original' | 'variant'): Sharp {
  const keep = purpose === 'original';
  switch (format) {
    case 'jpeg':
      return img.jpeg({ quality: keep ? 90 : 80, progressive: true, optimiseCoding: true });
    case 'png':
      return img.png({ compressionLevel: 6, adaptiveFiltering: true });
    case 'webp':
      return img.webp({ quality: keep ? 90 : 78, effort: 2 });
    case 'avif':
      return img.avif({ quality: keep ? 70 : 50, effort: 0 });
    case 'gif':
      return img.gif({ effort: 5 });
  }
}

function formatOf(meta: Metadata): ImageFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return meta.format;
    case 'heif':
      return meta.compression === 'av1' ? 'avif' : null;
    default:
      return null;
  }
}

/**
 * The image codec over sharp (libvips, prebuilt). Every decode of untrusted bytes sets a pixel
 * limit and fails on truncated or corrupt data; EXIF (GPS included) and XMP are never written:
 * sharp drops metadata unless told to keep it, and only the ICC profile is kept. CMYK images are
 * converted to sRGB through their profile instead, since browsers and WebP/AVIF expect RGB.
 */
export function sharpImages() {
  // sharp's native library is loaded on first use: commands that touch no image never pay for it.
  let loading: Promise<SharpModule> | null = null;
  const loadSharp = (): Promise<SharpModule> =>
    (loading ??= import('sharp').then((m) => m.default));
  return {
    async probe(bytes: Uint8Array): Promise<ImageProbe | null> {
      const sharp = await loadSharp();
      try {
        // Header only: no pixel is decoded, so the caller can refuse a bomb before decoding.
        const meta = await sharp(bytes, { limitInputPixels: false, animated: true }).metadata();
        const format = formatOf(meta);
        if (!format || !meta.width || !meta.height) return null;
        const frames = meta.pages ?? 1;
        return {
          format,
          width: meta.width,
          height: meta.pageHeight ?? meta.height,
          frames,
          hasAlpha: meta.hasAlpha ?? false,
          orientation: meta.orientation ?? 1,
          cmyk: meta.space === 'cmyk',
        };
      } catch {
        return null;
      }
    },

    async normalise(bytes, probe, opts) {
      const sharp = await loadSharp();
      const animated = probe.frames > 1;
      let img = sharp(bytes, {
        failOn: 'error',
        limitInputPixels: opts.maxPixels * Math.max(1, probe.frames),
        animated,
        autoOrient: !animated,
      }).resize({
        width: opts.maxSide,
        height: opts.maxSide,
        fit: 'inside',
        withoutEnlargement: true,
      });
      img = probe.cmyk ? img.toColourspace('srgb') : img.keepIccProfile();
      const { data, info } = await encode(img, probe.format, 'original').toBuffer({
        resolveWithObject: true,
      });
      return { bytes: data, width: info.width, height: info.pageHeight ?? info.height };
    },

    async variant(original, source: Pick<MediaItem, 'format' | 'animated'>, width, format) {
      const sharp = await loadSharp();
      const img = sharp(original, {
        failOn: 'error',
        limitInputPixels: MAX_VARIANT_INPUT_PIXELS,
        animated: source.animated,
      })
        .resize({ width, withoutEnlargement: true })
        .keepIccProfile();
      return encode(img, format, 'variant').toBuffer();
    },
  } satisfies ImageProcessor;
}
