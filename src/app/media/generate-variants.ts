import { z } from 'zod';
import {
  FORMAT_MIME,
  originalKey,
  variantPlan,
  type MediaItem,
  type Variant,
} from '../../domain/media.js';
import type { MediaDeps } from './deps.js';

export const MEDIA_VARIANTS_TASK = 'media-variants';

const payloadSchema = z.object({ mediaId: z.number().int().positive() });

type VariantDeps = Pick<MediaDeps, 'storage' | 'images'>;

/** Makes one variant from the kept original and stores it, unless it is there already. */
export async function ensureVariant(
  deps: VariantDeps,
  item: MediaItem,
  variant: Variant,
  original?: Uint8Array,
): Promise<Uint8Array> {
  const existing = await deps.storage.get(variant.key);
  if (existing) return existing;
  const source = original ?? (await deps.storage.get(originalKey(item)));
  if (!source) throw new Error(`media ${item.id}: the original ${originalKey(item)} is missing`);
  const bytes = await deps.images.variant(source, item, variant.width, variant.format);
  await deps.storage.put(variant.key, bytes, FORMAT_MIME[variant.format]);
  return bytes;
}

/**
 * The durable job behind every upload: each width of the ladder in each format. Safe to repeat
 * (made variants are skipped) and to meet a deleted item (nothing to do).
 */
export async function runMediaVariantsJob(
  deps: Pick<MediaDeps, 'storage' | 'images' | 'repos' | 'clock' | 'logger'>,
  payload: unknown,
): Promise<{ readonly made: number } | 'gone'> {
  const { mediaId } = payloadSchema.parse(payload);
  const item = await deps.repos.media.findById(mediaId);
  if (!item) return 'gone';
  const original = await deps.storage.get(originalKey(item));
  if (!original) throw new Error(`media ${mediaId}: the original ${originalKey(item)} is missing`);
  let made = 0;
  for (const variant of variantPlan(item)) {
    if (variant.key === originalKey(item) || (await deps.storage.has(variant.key))) continue;
    await ensureVariant(deps, item, variant, original);
    made++;
  }
  await deps.repos.media.markVariantsReady(mediaId, deps.clock());
  deps.logger.info({ mediaId, made }, 'media variants made');
  return { made };
}
