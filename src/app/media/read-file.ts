import { createHash } from 'node:crypto';
import { FORMAT_MIME, parseVariantRequest, variantPlan } from '../../domain/media.js';
import type { MediaDeps } from './deps.js';
import { ensureVariant } from './generate-variants.js';

export interface MediaFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  /** A strong validator from the bytes. */
  readonly etag: string;
}

/**
 * The file behind `/media/<hash>/<width>.<ext>`, or null for anything that is not one of a
 * library item's variants. A variant its job has not made yet is made now (once, however many
 * readers ask at the same moment), so a page published right after an upload never shows a
 * broken image; the URL's bytes are the same either way.
 */
export function mediaFileReader(deps: Pick<MediaDeps, 'repos' | 'storage' | 'images'>) {
  const inFlight = new Map<string, Promise<Uint8Array>>();
  return async (hash: string, file: string): Promise<MediaFile | null> => {
    const wanted = parseVariantRequest(hash, file);
    if (!wanted) return null;
    const key = `${hash}/${file}`;
    let bytes = await deps.storage.get(key);
    if (!bytes) {
      const item = await deps.repos.media.findByHash(hash);
      const variant =
        item &&
        variantPlan(item).find((v) => v.width === wanted.width && v.format === wanted.format);
      if (!item || !variant) return null;
      let making = inFlight.get(key);
      if (!making) {
        making = ensureVariant(deps, item, variant).finally(() => inFlight.delete(key));
        inFlight.set(key, making);
      }
      bytes = await making;
    }
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    return { bytes, contentType: FORMAT_MIME[wanted.format], etag };
  };
}

export type MediaFileReader = ReturnType<typeof mediaFileReader>;
