/** What the media use cases need from storage, from an image codec and from the database. */
import type { ImageFormat, MediaItem } from '../../domain/media.js';

/**
 * Where media files live, by key (`<hash>/<width>.<ext>`). Shaped like an object store so an
 * S3-compatible adapter can implement it as it stands: whole-object put/get, no rename, no
 * directories, keys from one safe alphabet. The default adapter is the local disk
 * (src/adapters/local-media-storage.ts).
 */
export interface MediaStorage {
  /** Writes an object whole; a reader sees the old object or the new one, never a part. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
  /** Removes every object under `<prefix>/`; nothing there is not an error. */
  deletePrefix(prefix: string): Promise<void>;
}

/** What a header read tells about an image, before any pixel is decoded. */
export interface ImageProbe {
  readonly format: ImageFormat;
  readonly width: number;
  /** The height of one frame. */
  readonly height: number;
  readonly frames: number;
  readonly hasAlpha: boolean;
  /** EXIF orientation 5–8 swap width and height once applied. */
  readonly orientation: number;
  /** CMYK pixels (print files): converted to sRGB instead of keeping the profile. */
  readonly cmyk: boolean;
}

export interface ProcessedImage {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** The image codec (sharp in src/adapters/sharp-images.ts). */
export interface ImageProcessor {
  /** Reads only the header; throws nothing, returns null when the header cannot be read. */
  probe(bytes: Uint8Array): Promise<ImageProbe | null>;
  /**
   * Decodes everything (refusing truncated or corrupt pixel data), applies the EXIF orientation,
   * fits it within `maxSide`, and re-encodes it in its own format with EXIF, GPS and XMP dropped
   * and the colour profile kept. `maxPixels` caps the decoder too.
   */
  normalise(
    bytes: Uint8Array,
    probe: ImageProbe,
    opts: { readonly maxSide: number; readonly maxPixels: number },
  ): Promise<ProcessedImage>;
  /** One variant of an already normalised original. */
  variant(
    original: Uint8Array,
    source: Pick<MediaItem, 'format' | 'animated'>,
    width: number,
    format: ImageFormat,
  ): Promise<Uint8Array>;
}

/** A media row as stored before it has an id, a time or its variants. */
export type MediaFields = Omit<MediaItem, 'id' | 'createdAt' | 'variantsReadyAt'>;

export interface MediaEdit {
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
}

/** One article's use of a library item. */
export interface MediaUse {
  readonly articleId: number;
  readonly role: 'featured' | 'inline';
}

/** An inline use, with the alt text the article's Markdown gave it ('' when none). */
export interface InlineUse {
  readonly mediaId: number;
  readonly alt: string;
}

export interface MediaRepository {
  insert(fields: MediaFields, now: Date): Promise<MediaItem>;
  findById(id: number): Promise<MediaItem | undefined>;
  findByIds(ids: readonly number[]): Promise<MediaItem[]>;
  findByHash(hash: string): Promise<MediaItem | undefined>;
  findBySha256(sha256: string): Promise<MediaItem | undefined>;
  /** Newest first. */
  list(limit: number): Promise<MediaItem[]>;
  update(id: number, edit: MediaEdit): Promise<MediaItem | undefined>;
  markVariantsReady(id: number, now: Date): Promise<void>;
  delete(id: number): Promise<void>;
  /** Every article (deleted ones included: they can be restored) that uses the item. */
  uses(id: number): Promise<MediaUse[]>;
  /** Items no article uses, oldest first. */
  listUnused(limit: number): Promise<MediaItem[]>;
  /** Sets an article's featured image (null removes it). */
  setFeatured(articleId: number, mediaId: number | null): Promise<void>;
  /** Replaces the article's inline uses. */
  setInline(articleId: number, uses: readonly InlineUse[]): Promise<void>;
  inlineUses(articleId: number): Promise<InlineUse[]>;
}
