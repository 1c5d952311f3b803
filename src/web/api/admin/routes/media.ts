/**
 * The media library: images uploaded (multipart), listed, described and deleted, on the use cases
 * of `newsdesk media`. An upload is sniffed, size- and pixel-checked and re-encoded before
 * anything is stored; the same bytes twice give the same item.
 */
import { z } from 'zod';
import { addMedia } from '../../../../app/media/add-media.js';
import { deleteMedia, listMedia, showMedia, updateMedia } from '../../../../app/media/library.js';
import { mediaPath, originalKey, type MediaItem } from '../../../../domain/media.js';
import { failure } from '../../../../domain/failures.js';
import { err, ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { idParams, iso, isoOrNull } from '../schemas.js';

/** Bytes a multipart upload may carry: the library's own limit is checked again inside. */
export const UPLOAD_MAX_BYTES = 40 * 1024 * 1024;

export const adminMedia = z
  .object({
    id: z.number().int(),
    url: z.string().meta({ description: 'The kept original.' }),
    format: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
    alt: z.string(),
    caption: z.string(),
    credit: z.string(),
    originalName: z.string(),
    createdAt: z.string(),
    variantsReadyAt: z.string().nullable(),
  })
  .meta({ id: 'AdminMedia' });

const mediaJson = (m: MediaItem): z.input<typeof adminMedia> => ({
  id: m.id,
  url: mediaPath(originalKey(m)),
  format: m.format,
  width: m.width,
  height: m.height,
  bytes: m.bytes,
  alt: m.alt,
  caption: m.caption,
  credit: m.credit,
  originalName: m.originalName,
  createdAt: iso(m.createdAt),
  variantsReadyAt: isoOrNull(m.variantsReadyAt),
});

const text = {
  alt: z.string().max(1000).optional(),
  caption: z.string().max(2000).optional(),
  credit: z.string().max(300).optional(),
};

const list = defineRoute({
  method: 'get',
  path: '/media',
  operationId: 'listMedia',
  summary: 'The library, newest first',
  action: 'media.upload',
  scope: 'read',
  query: z
    .object({
      limit: z
        .string()
        .regex(/^(?:[1-9]\d{0,2}|1000)$/, 'a number from 1 to 1000')
        .transform(Number)
        .optional(),
    })
    .strict(),
  response: z.object({ items: z.array(adminMedia) }),
  async handle({ deps, query }) {
    const items = await listMedia(deps.media, query.limit ?? 100);
    return ok({ body: { items: items.map(mediaJson) } });
  },
});

const get = defineRoute({
  method: 'get',
  path: '/media/{id}',
  operationId: 'getMedia',
  summary: 'One item, with the articles that use it and its variants',
  action: 'media.upload',
  scope: 'read',
  params: idParams,
  response: adminMedia.extend({
    uses: z.array(z.object({ articleId: z.number().int(), role: z.string() })),
    variants: z.array(z.object({ path: z.string(), stored: z.boolean() })),
  }),
  refusals: ['not_found'],
  async handle({ deps, params }) {
    const r = await showMedia(deps.media, params.id);
    if (!r.ok) return r;
    return ok({
      body: {
        ...mediaJson(r.value.item),
        uses: r.value.uses.map((u) => ({ articleId: u.articleId, role: u.role })),
        variants: [...r.value.variants],
      },
    });
  },
});

const upload = defineRoute({
  method: 'post',
  path: '/media',
  operationId: 'uploadMedia',
  summary:
    'Uploads an image (JPEG, PNG, GIF, WebP, AVIF); 200 with the existing item for a duplicate',
  action: 'media.upload',
  scope: 'write',
  body: {
    kind: 'multipart',
    schema: z.object(text).strict(),
    files: ['file'],
    maxBytes: UPLOAD_MAX_BYTES,
  },
  response: adminMedia.extend({ duplicate: z.boolean() }),
  status: 201,
  refusals: ['unsupported_media_type', 'payload_too_large'],
  async handle({ deps, body, files }) {
    const file = files.get('file');
    if (!file) return err(failure('invalid_input', 'body.file: an image file is required'));
    const r = await addMedia(deps.media, {
      bytes: file.bytes,
      originalName: file.name,
      ...(body.alt === undefined ? {} : { alt: body.alt }),
      ...(body.caption === undefined ? {} : { caption: body.caption }),
      ...(body.credit === undefined ? {} : { credit: body.credit }),
    });
    if (!r.ok) return r;
    return ok({
      status: r.value.duplicate ? 200 : 201,
      body: { ...mediaJson(r.value.item), duplicate: r.value.duplicate },
      location: `/admin/api/media/${r.value.item.id}`,
    });
  },
});

const update = defineRoute({
  method: 'patch',
  path: '/media/{id}',
  operationId: 'updateMedia',
  summary: 'Changes an item’s alt text, caption or credit',
  action: 'media.upload',
  scope: 'write',
  params: idParams,
  body: { kind: 'json', schema: z.object(text).strict() },
  response: adminMedia,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, params, body }) {
    const r = await updateMedia(deps.media, params.id, body);
    return r.ok ? ok({ body: mediaJson(r.value) }) : r;
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/media/{id}',
  operationId: 'deleteMedia',
  summary: 'Deletes an item and its files, unless an article uses it (409)',
  action: 'media.delete',
  scope: 'write',
  params: idParams,
  response: adminMedia,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, params }) {
    const r = await deleteMedia(deps.media, params.id);
    return r.ok ? ok({ body: mediaJson(r.value) }) : r;
  },
});

export const MEDIA_ROUTES: ApiRouteGroup = {
  name: 'media',
  description: 'The image library.',
  routes: [list, get, upload, update, remove],
};
