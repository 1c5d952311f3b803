/** The WordPress import's dependencies, from a runtime: the app's, plus comment markup and media. */
import type { ImportWxrDeps } from '../app/import/import-wxr.js';
import type { ImportMarkup } from '../app/import/ports.js';
import { sanitizeImportedCommentHtml } from '../render/sanitize.js';
import type { Runtime } from './runtime.js';

const importMarkup = { commentHtml: sanitizeImportedCommentHtml } satisfies ImportMarkup;

/**
 * `media` is the media library's MediaImporter (src/app/import/ports.ts); this build has none
 * wired yet, so `--uploads` is refused with a message saying so.
 */
export function importDeps(rt: Pick<Runtime, 'deps'>): ImportWxrDeps {
  return { ...rt.deps, importMarkup, media: null };
}
