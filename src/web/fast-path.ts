import type { IncomingMessage, ServerResponse } from 'node:http';
import { ifNoneMatchHits } from './if-none-match.js';
import { privateHeaders, type PageCache } from './page-cache.js';

/**
 * Answers GET/HEAD for cached pages straight from node:http, before the framework's router (the
 * one hot path that skips it: a cache hit is a lookup and a write). A reader with our cookie is
 * served the same page, with their remembered details filled into the form's reader marks.
 * Resolves false when the request must go to the application. `head` holds the server's own
 * headers for every response (`[name, value, …]`: the request id): they go in the one
 * `writeHead` call, since a header set before it makes Node merge every header one by one.
 */
export async function serveFromCache(
  cache: PageCache,
  req: IncomingMessage,
  res: ServerResponse,
  head: readonly string[] = [],
): Promise<boolean> {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
  const page = await cache.lookup(req.url);
  if (!page) return false;
  if (page.status === 200 && ifNoneMatchHits(req.headers['if-none-match'], page.etag)) {
    res.writeHead(304, [...head, ...notModifiedHeaders(page.rawHeaders)]);
    res.end();
    return true;
  }
  const chunks = await cache.chunksOf(page, req.headers.cookie);
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const headers = cache.personalises(page, req.headers.cookie)
    ? privateHeaders(page.rawHeaders)
    : page.rawHeaders;
  res.writeHead(page.status, [...head, ...headers, 'content-length', String(length)]);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  // Corked, the head and every chunk leave in one writev.
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
  res.uncork();
  return true;
}

/** A 304 repeats the validators and caching headers, not the body's own (RFC 9110 §15.4.5). */
function notModifiedHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (name !== 'content-type') out.push(name, raw[i + 1] ?? '');
  }
  return out;
}
