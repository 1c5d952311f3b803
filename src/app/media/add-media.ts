import { createHash } from 'node:crypto';
import { z } from 'zod';
import { failure, type Failure } from '../../domain/failures.js';
import {
  HASH_PREFIX_LENGTH,
  FORMAT_MIME,
  ORIGINAL_MAX_SIDE,
  originalKey,
} from '../../domain/media.js';
import type { MediaItem } from '../../domain/media.js';
import { sniffImage } from '../../domain/media-sniff.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { MediaDeps } from './deps.js';
import { MEDIA_VARIANTS_TASK } from './generate-variants.js';

export const mediaTextInput = z.object({
  alt: z.string().trim().max(1000, 'alt text is longer than 1000 characters').optional(),
  caption: z.string().trim().max(2000, 'the caption is longer than 2000 characters').optional(),
  credit: z.string().trim().max(300, 'the credit is longer than 300 characters').optional(),
});

export interface AddMediaInput {
  readonly bytes: Uint8Array;
  /** The file's name as uploaded, kept for display only: the format comes from the bytes. */
  readonly originalName?: string;
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
}

export interface AddedMedia {
  readonly item: MediaItem;
  /** True when these exact bytes were already in the library (that item is returned). */
  readonly duplicate: boolean;
}

const mp = (pixels: number) => `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} MP`;

function displayName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // Control characters have no business in a name shown on a terminal or a page.
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

/**
 * Adds an image to the library. Everything that can refuse it happens before anything is
 * stored: the byte limit, the content sniff (format, truncation, appended data, embedded
 * markup), the header's pixel and frame limits, then one full decode that re-encodes the
 * original (oriented, capped at 2560 px, EXIF and GPS dropped). Only then is the original
 * written and the row inserted, with the variant job enqueued in the same transaction.
 */
export async function addMedia(
  deps: MediaDeps,
  input: AddMediaInput,
): Promise<Result<AddedMedia, Failure>> {
  const text = mediaTextInput.safeParse(input);
  if (!text.success) return err(failure('invalid_input', text.error.issues[0]?.message));
  const { bytes } = input;
  const { limits } = deps;
  if (bytes.length > limits.maxBytes) {
    return err(
      failure(
        'payload_too_large',
        `the file is ${bytes.length} bytes; the limit is ${limits.maxBytes} bytes`,
      ),
    );
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) {
    const code =
      sniffed.reason === 'svg' || sniffed.reason === 'unknown_format'
        ? 'unsupported_media_type'
        : 'invalid_input';
    return err(failure(code, sniffed.detail));
  }
  const probe = await deps.images.probe(bytes);
  if (!probe) return err(failure('invalid_input', 'the image header cannot be read'));
  if (probe.format !== sniffed.format) {
    return err(
      failure(
        'invalid_input',
        `the file starts like ${sniffed.format.toUpperCase()} but decodes as ${probe.format.toUpperCase()}`,
      ),
    );
  }
  const pixels = probe.width * probe.height;
  if (pixels > limits.maxPixels) {
    return err(
      failure(
        'payload_too_large',
        `the image declares ${probe.width}×${probe.height} pixels (${mp(pixels)}); the limit is ${mp(limits.maxPixels)}`,
      ),
    );
  }
  if (probe.frames > limits.maxFrames || pixels * probe.frames > limits.maxTotalPixels) {
    return err(
      failure(
        'payload_too_large',
        `the animation has ${probe.frames} frames of ${mp(pixels)}; the limits are ${limits.maxFrames} frames and ${mp(limits.maxTotalPixels)} in all`,
      ),
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await deps.repos.media.findBySha256(sha256);
  if (existing) return ok({ item: existing, duplicate: true });

  let normalised;
  try {
    normalised = await deps.images.normalise(bytes, probe, {
      maxSide: ORIGINAL_MAX_SIDE,
      maxPixels: limits.maxPixels,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return err(failure('invalid_input', `the image data cannot be decoded: ${reason}`));
  }
  const hash = sha256.slice(0, HASH_PREFIX_LENGTH);
  const clash = await deps.repos.media.findByHash(hash);
  if (clash) {
    return err(
      failure('conflict', `another image already uses the name ${hash} (media ${clash.id})`),
    );
  }
  const fields = {
    hash,
    sha256,
    format: probe.format,
    width: normalised.width,
    height: normalised.height,
    bytes: normalised.bytes.length,
    animated: probe.frames > 1,
    hasAlpha: probe.hasAlpha,
    alt: text.data.alt ?? '',
    caption: text.data.caption ?? '',
    credit: text.data.credit ?? '',
    originalName: displayName(input.originalName),
  };
  await deps.storage.put(originalKey(fields), normalised.bytes, FORMAT_MIME[fields.format]);
  try {
    const item = await deps.uow.run(async ({ repos, enqueue }) => {
      const created = await repos.media.insert(fields, deps.clock());
      await enqueue({
        task: MEDIA_VARIANTS_TASK,
        payload: { mediaId: created.id },
        dedupeKey: `${MEDIA_VARIANTS_TASK}:${created.id}`,
      });
      return created;
    });
    return ok({ item, duplicate: false });
  } catch (error) {
    // The same bytes added at the same moment by another process: theirs won, and the file
    // under this hash is theirs too (identical bytes), so it stays.
    const raced = await deps.repos.media.findBySha256(sha256).catch(() => undefined);
    if (raced) return ok({ item: raced, duplicate: true });
    await deps.storage.deletePrefix(hash).catch(() => {});
    throw error;
  }
}
