/** The WordPress import's dependencies, from a runtime: the app's, plus comment markup and media. */
import type { ImportWxrDeps } from '../app/import/import-wxr.js';
import type { ImportMarkup } from '../app/import/ports.js';
import { mediaImporter } from '../app/media/import-media.js';
import { openJsonLinesSpool } from '../adapters/json-lines-spool.js';
import { openUploadsFolder } from '../adapters/uploads-folder.js';
import { sanitizeImportedCommentHtml } from '../render/sanitize.js';
import type { Runtime } from './runtime.js';

const importMarkup = { commentHtml: sanitizeImportedCommentHtml } satisfies ImportMarkup;

/**
 * `--uploads DIR` reads the local folder (never the network) into the runtime's media library,
 * the one the server and `newsdesk media` use, with the same limits.
 */
export function importDeps(rt: Pick<Runtime, 'deps' | 'media'>): ImportWxrDeps {
  return {
    ...rt.deps,
    importMarkup,
    media: mediaImporter(rt.media),
    openUploads: (dir) => openUploadsFolder(dir, { maxBytes: rt.media.limits.maxBytes }),
    openSpool: () => openJsonLinesSpool(),
  };
}
