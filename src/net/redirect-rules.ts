import type { FetchMethod } from './types.js';

export interface NextRequest {
  readonly method: FetchMethod;
  readonly body: string | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Method and body for the next hop (RFC 9110 §15.4; Fetch standard "HTTP-redirect fetch").
 * 301/302/303 become GET without a body (HEAD stays HEAD); 307/308 repeat the method and body,
 * which is always replayable here because request bodies are strings held in memory.
 */
export function nextRequest(status: number, method: FetchMethod, body?: string): NextRequest {
  if (status === 307 || status === 308) return { method, body };
  return { method: method === 'HEAD' ? 'HEAD' : 'GET', body: undefined };
}

/** Request headers a caller may not set: the fetcher owns framing, identity and encodings. */
const OWNED = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'te',
  'upgrade',
  'accept-encoding',
  'user-agent',
  'proxy-authorization',
  'proxy-connection',
]);
/** Credentials never follow a redirect to another origin (Fetch standard, HTTP-redirect fetch). */
const CREDENTIALS = new Set(['authorization', 'cookie']);
/** Dropped when the body is dropped. */
const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language']);

export function callerHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    if (!OWNED.has(key)) out[key] = value;
  }
  return out;
}

export function headersForNextHop(
  headers: Readonly<Record<string, string>>,
  sameOrigin: boolean,
  keepsBody: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!sameOrigin && CREDENTIALS.has(key)) continue;
    if (!keepsBody && BODY_HEADERS.has(key)) continue;
    out[key] = value;
  }
  return out;
}
