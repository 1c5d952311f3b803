import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ifNoneMatchHits } from './if-none-match.js';

/**
 * A strong ETag from the exact bytes sent (sha1 is fine here: it is a cache validator). A string
 * is hashed as its UTF-8 bytes, so a page gets the same ETag as a string or as bytes.
 */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Sends an HTML page with an ETag, or 304 Not Modified when the client already has these bytes
 * (only for GET/HEAD and 200 responses; RFC 9110 §13.2.1).
 */
export function sendHtml(
  c: Context,
  /** The page, as a string or as its UTF-8 bytes (then sent as they are, never encoded again). */
  html: string | Buffer<ArrayBuffer>,
  status: ContentfulStatusCode = 200,
  /**
   * `validator: false` for pages filled per request (comment-form tokens): no ETag, since a 304
   * would keep the reader on the token their copy was sent with.
   */
  opts: { readonly validator: boolean } = { validator: true },
) {
  if (!opts.validator)
    return typeof html === 'string' ? c.html(html, status) : htmlBytes(c, html, status);
  const etag = etagOf(html);
  c.header('ETag', etag);
  if (
    status === 200 &&
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    ifNoneMatchHits(c.req.header('If-None-Match'), etag)
  ) {
    return c.body(null, 304);
  }
  return typeof html === 'string' ? c.html(html, status) : htmlBytes(c, html, status);
}

const HTML_TYPE = { 'Content-Type': 'text/html; charset=UTF-8' } as const;

const htmlBytes = (c: Context, bytes: Buffer<ArrayBuffer>, status: ContentfulStatusCode) =>
  c.body(bytes, status, HTML_TYPE);

/**
 * Sends a page filled per request (comment-form tokens, a reader's details) from its encoded
 * parts: no ETag, since a 304 would keep the reader on the token their copy was sent with.
 */
export function sendParts(c: Context, chunks: readonly Buffer[], status: ContentfulStatusCode) {
  return c.body(Buffer.concat(chunks), status, HTML_TYPE);
}
