/**
 * The uploads step of `import wxr --uploads DIR`, between the check pass and the writing pass:
 * every attachment the file holds is looked for in the local copy of `wp-content/uploads` and
 * taken into the media library (variants made), so that every post body (wherever the
 * attachment sits in the file) and every featured image can point at our copy.
 *
 * Each file is its own media-library transaction, never inside a batch of posts (the library
 * opens its own; on SQLite's one connection a transaction inside another would wait for
 * itself). A file that is missing, outside the folder, unreadable or not an image the library
 * takes is skipped with the reason, and the attachment is still recorded as a reference. The
 * library keeps one item per content (SHA-256), so a second run finds the same items.
 */
import type { MediaItem } from '../../domain/media.js';
import type { MediaImporter, UploadsFolder } from './ports.js';
import { UploadsMap, uploadsPathOf } from './wxr-media.js';
import type { WxrItem } from './wxr-records.js';

/** What the check pass keeps of an attachment for this step. */
export interface PendingUpload {
  /** The import-map key of the attachment (`id:123`). */
  readonly key: string;
  readonly url: string;
  /** The path below `wp-content/uploads` ('' when the export names none). */
  readonly file: string;
  readonly alt: string;
  readonly caption: string;
  /** For messages: `attachment 123 "Title"`. */
  readonly label: string;
}

export function pendingUpload(
  item: WxrItem,
  key: string,
  text: { readonly alt: string; readonly caption: string },
  label: string,
): PendingUpload {
  return {
    key,
    url: item.attachmentUrl || item.guid,
    file: uploadsPathOf(item),
    alt: text.alt,
    caption: text.caption,
    label,
  };
}

export interface UploadsOutcome {
  /** Body rewriting to the imported files. */
  readonly map: UploadsMap;
  /** Attachment key → the library item its file became. */
  readonly byKey: ReadonlyMap<string, MediaItem>;
  /** Library items made, and files whose content the library already held. */
  readonly created: number;
  readonly existing: number;
}

/** The library's refusals, one reason each in the summary (the message goes with the example). */
const REFUSALS: Readonly<Record<string, string>> = {
  unsupported_media_type: 'is not an image the media library takes',
  payload_too_large: 'is over the media library’s limits',
  invalid_input: 'is not a readable image',
  conflict: 'clashes with a library item',
};

export async function importUploads(input: {
  readonly pending: readonly PendingUpload[];
  readonly folder: UploadsFolder;
  /** Null on a dry run: the files are found and read, nothing is stored. */
  readonly media: MediaImporter | null;
  readonly skip: (reason: string, example: string) => void;
  readonly progress: (done: number) => void;
}): Promise<UploadsOutcome> {
  const map = new UploadsMap();
  const byKey = new Map<string, MediaItem>();
  let done = 0;
  const tally = { created: 0, existing: 0 };
  for (const p of input.pending) {
    done++;
    if (done % 20 === 0) input.progress(done);
    const example = `${p.label}${p.file ? ` (${p.file})` : ''}`;
    if (!p.file) {
      input.skip('attachment file: the export names no file below wp-content/uploads', example);
      continue;
    }
    const read = await input.folder.read(p.file);
    if (!read.ok) {
      input.skip(
        `attachment file ${read.reason}: kept as a reference`,
        read.detail ? `${example}: ${read.detail}` : example,
      );
      continue;
    }
    if (!input.media) continue;
    const name = p.file.split('/').pop() ?? p.file;
    const added = await input.media.importFile({
      bytes: read.bytes,
      name,
      alt: p.alt,
      caption: p.caption,
    });
    if (!added.ok) {
      const why = REFUSALS[added.error.code] ?? 'refused by the media library';
      const detail = added.error.message ? `${example}: ${added.error.message}` : example;
      input.skip(`attachment file ${why}: kept as a reference`, detail);
      continue;
    }
    const { item, duplicate } = added.value;
    tally[duplicate ? 'existing' : 'created']++;
    map.add(p.url, p.file, item);
    byKey.set(p.key, item);
  }
  input.progress(done);
  return { map, byKey, ...tally };
}
