/**
 * The media library's side of an import (MediaImporter, src/app/import/ports.ts): a file's bytes
 * go through addMedia (every check an upload gets; the same bytes twice are one item), then its
 * variants are made at once by the variant job's own code, so an imported article's images exist
 * when the import ends even with no worker running (the queued job then finds nothing to do).
 */
import type { Failure } from '../../domain/failures.js';
import { ok, type Result } from '../../domain/result.js';
import type { MediaImporter } from '../import/ports.js';
import { addMedia, type AddedMedia } from './add-media.js';
import type { MediaDeps } from './deps.js';
import { runMediaVariantsJob } from './generate-variants.js';

export function mediaImporter(deps: MediaDeps): MediaImporter {
  return {
    async importFile(input): Promise<Result<AddedMedia, Failure>> {
      const added = await addMedia(deps, {
        bytes: input.bytes,
        originalName: input.name,
        // Over-long WordPress text is cut to the library's limits rather than losing the image.
        alt: input.alt.trim().slice(0, 1000),
        caption: input.caption.trim().slice(0, 2000),
      });
      if (!added.ok) return added;
      const { item } = added.value;
      if (item.variantsReadyAt) return added;
      await runMediaVariantsJob(deps, { mediaId: item.id });
      const ready = await deps.repos.media.findById(item.id);
      return ok({ ...added.value, item: ready ?? item });
    },
  };
}
