/**
 * POST /admin/media/upload: an image into the media library through addMedia, the same use case
 * as `newsdesk media add`. The editor island posts it with fetch and reads JSON
 * ({id, url, markdown}); a plain form post is sent back to the editor it came from.
 */
import type { Context } from 'hono';
import { addMedia } from '../../../app/media/add-media.js';
import type { MediaDeps } from '../../../app/media/deps.js';
import { mediaPath, originalKey } from '../../../domain/media.js';
import { statusFor } from '../../errors.js';

export interface UploadKit<C extends Context> {
  readonly media: MediaDeps;
  readonly field: (c: C, name: string) => string;
  readonly file: (c: C, name: string) => File | undefined;
}

/** Only the editor pages, so a crafted `next` cannot send the browser elsewhere. */
const backTo = (next: string) =>
  /^\/admin\/articles\/(?:new|[1-9][0-9]{0,11}\/edit)$/.test(next) ? next : '/admin/articles/new';

/** `![alt](media:ID)`, the alt text escaped so it cannot close the brackets early. */
export const mediaMarkdown = (id: number, alt: string) =>
  `![${alt.replace(/[\\[\]]/g, (ch) => `\\${ch}`).replace(/\s+/g, ' ')}](media:${id})`;

const wantsJson = (c: Context) =>
  /application\/json/i.test(c.req.header('accept') ?? '') ||
  c.req.header('x-csrf-token') !== undefined;

export function mediaUploadHandler<C extends Context>(kit: UploadKit<C>) {
  return async (c: C): Promise<Response> => {
    const json = wantsJson(c);
    const file = kit.file(c, 'file') ?? kit.file(c, 'image');
    const refuse = (code: Parameters<typeof statusFor>[0], message: string) =>
      json ? c.json({ error: message }, statusFor(code)) : c.text(message, statusFor(code));
    if (!file) return refuse('invalid_input', 'Choose an image file to upload (field "file").');
    const alt = kit.field(c, 'alt');
    const added = await addMedia(kit.media, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      originalName: file.name,
      alt,
    });
    if (!added.ok)
      return refuse(added.error.code, `The upload was refused: ${added.error.message}`);
    const { item, duplicate } = added.value;
    if (json) {
      return c.json(
        {
          id: item.id,
          url: mediaPath(originalKey(item)),
          markdown: mediaMarkdown(item.id, alt.trim() || item.alt),
        },
        duplicate ? 200 : 201,
      );
    }
    return c.redirect(`${backTo(kit.field(c, 'next'))}?uploaded=${item.id}`, 303);
  };
}
