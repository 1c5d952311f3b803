import type { Readable } from 'node:stream';
import { err, ok, type Result } from '../domain/result.js';
import { decodeText, isAccepted, parseContentType } from './content-type.js';
import { readCappedBody } from './read-body.js';
import { toResponseHeaders } from './response-headers.js';
import type { FetchFailure, FetchMethod, FetchResponse } from './types.js';

export interface FinalHop {
  readonly url: string;
  readonly method: FetchMethod;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Readable;
  readonly redirects: readonly string[];
}

export interface BodyLimits {
  readonly accept: readonly string[];
  readonly maxBytes: number;
}

// RFC 9110 §6.4.1: these never carry content, whatever the headers say.
const BODYLESS_STATUSES = new Set([204, 205, 304]);

/**
 * Turns the last hop into a FetchResponse. Non-2xx statuses are answers, not failures (a 410 is
 * what Webmention deletion looks for); their bodies are kept only when the type is acceptable.
 * A 2xx body of a type the caller did not ask for is refused before any of it is read. A body
 * over the byte cap is not a failure: its first `maxBytes` come back with `truncated: true`.
 */
export async function finishResponse(
  hop: FinalHop,
  limits: BodyLimits,
): Promise<Result<FetchResponse, FetchFailure>> {
  const headers = toResponseHeaders(hop.headers);
  const type = parseContentType(headers.get('content-type') ?? undefined);
  const respond = (bytes: Uint8Array, truncated = false): FetchResponse => ({
    status: hop.status,
    url: hop.url,
    headers,
    contentType: type.essence,
    body: decodeText(bytes, type.charset),
    bytes,
    truncated,
    redirects: hop.redirects,
  });

  const bodyless =
    hop.method === 'HEAD' ||
    BODYLESS_STATUSES.has(hop.status) ||
    headers.get('content-length') === '0';
  const accepted = isAccepted(type.essence, limits.accept);
  if (bodyless || !accepted) {
    discard(hop.body);
    if (bodyless || hop.status < 200 || hop.status > 299) return ok(respond(new Uint8Array()));
    return err({
      code: 'unsupported_content_type',
      message: `content type ${type.essence || '(none)'} is not one of ${limits.accept.join(', ')}`,
      url: hop.url,
    });
  }

  // A body longer than the cap (declared or not) is read up to the cap and marked truncated.
  const read = await readCappedBody(
    hop.body,
    headers.get('content-encoding') ?? undefined,
    limits.maxBytes,
  );
  if (!read.ok) return err({ ...read.error, url: hop.url });
  return ok(respond(read.value.bytes, read.value.truncated));
}

/** Abandons a body unread; undici reports the abort as an 'error' event, which is expected here. */
function discard(body: Readable): void {
  body.on('error', () => undefined).destroy();
}
