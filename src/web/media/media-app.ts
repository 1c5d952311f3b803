import { Hono } from 'hono';
import type { MediaFileReader } from '../../app/media/read-file.js';
import { ifNoneMatchHits } from '../if-none-match.js';

/** A year, and never revalidated: a URL names one content hash, so its bytes never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `/media/<hash>/<width>.<ext>`: the library's variants. The route only matches the one URL
 * shape (16 hex digits, a width, one of five extensions), and the use case only answers keys of
 * a known item's variants, so no request names any other file; everything else is the site's
 * 404 page, never cached.
 */
export function mediaApp(read: MediaFileReader): Hono {
  const app = new Hono();
  app.get('/:hash{[0-9a-f]{16}}/:file{[1-9][0-9]{0,4}\\.(?:jpg|png|webp|avif|gif)}', async (c) => {
    const file = await read(c.req.param('hash'), c.req.param('file'));
    if (!file) return c.notFound();
    c.header('Cache-Control', IMMUTABLE);
    c.header('ETag', file.etag);
    c.header('Content-Type', file.contentType);
    if (ifNoneMatchHits(c.req.header('If-None-Match'), file.etag)) return c.body(null, 304);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200);
  });
  return app;
}
