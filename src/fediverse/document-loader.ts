import type { DocumentLoader, RemoteDocument } from '@fedify/vocab-runtime';
import { FetchError, preloadedContexts } from '@fedify/vocab-runtime';
import type { Fetcher } from '../net/index.js';

/** What ActivityPub servers answer with; the JSON-LD and JRD types included. */
export const ACTIVITY_ACCEPT = [
  'application/activity+json',
  'application/ld+json',
  'application/jrd+json',
  'application/json',
] as const;

/** Remote documents larger than this are refused (an actor or a Note is a few KiB). */
const MAX_DOCUMENT_BYTES = 512 * 1024;

/**
 * Fedify's document loader on our guarded fetcher (src/net): every remote actor, key and object
 * Fedify dereferences goes through the same address policy, port list, budgets and size caps as
 * any other outbound fetch, so a private, link-local or metadata address is refused exactly as
 * `net/` refuses it. The well-known JSON-LD contexts are served from Fedify's preloaded copies and
 * never fetched.
 */
export function guardedDocumentLoader(fetcher: Fetcher): DocumentLoader {
  return async (url, options): Promise<RemoteDocument> => {
    const preloaded = preloadedContexts[url];
    if (preloaded !== undefined) return { contextUrl: null, documentUrl: url, document: preloaded };
    const result = await fetcher({
      url,
      accept: [...ACTIVITY_ACCEPT],
      headers: { accept: 'application/activity+json, application/ld+json' },
      maxBytes: MAX_DOCUMENT_BYTES,
      ...(options?.signal ? { signal: options.signal } : {}),
    });
    if (!result.ok) {
      throw new FetchError(url, `${result.error.code}: ${result.error.message}`);
    }
    const res = result.value;
    if (res.status < 200 || res.status > 299) {
      // Fedify reads the status off the response to tell a gone object (404/410) from a fault.
      throw new FetchError(
        url,
        `HTTP ${res.status}`,
        new Response(null, { status: res.status === 204 ? 404 : res.status }),
      );
    }
    if (res.truncated) throw new FetchError(url, 'document larger than the size limit');
    let document: unknown;
    try {
      document = JSON.parse(res.body);
    } catch {
      throw new FetchError(url, 'the document is not JSON');
    }
    return { contextUrl: null, documentUrl: res.url, document };
  };
}
