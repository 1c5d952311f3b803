import type { IncomingMessage, ServerResponse } from 'node:http';
import { ifNoneMatchHits } from './if-none-match.js';
import { isPersonalised, type PageCache } from './page-cache.js';

/**
 * Answers GET/HEAD for cached pages straight from node:http, before the framework's router (the
 * one hot path that skips it: a cache hit is a lookup and a write). Resolves false when the
 * request must go to the application.
 */
export async function serveFromCache(
  cache: PageCache,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
  if (isPersonalised(req.headers.cookie)) return false;
  const page = await cache.lookup(req.url);
  if (!page) return false;
  for (const [name, value] of page.headers) res.appendHeader(name, value);
  if (page.status === 200 && ifNoneMatchHits(req.headers['if-none-match'], page.etag)) {
    res.removeHeader('content-type');
    res.removeHeader('content-length');
    res.writeHead(304);
    res.end();
    return true;
  }
  const body = Buffer.from(await cache.bodyOf(page));
  res.setHeader('content-length', body.length);
  res.writeHead(page.status);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
