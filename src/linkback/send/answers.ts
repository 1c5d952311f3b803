/**
 * What the receiver's answer means for the sender: sent, refused for good, or worth another try.
 * - W3C Webmention §3.1.3: any 2xx is success (201 carries a status URL in `Location`); a 4xx is
 *   a refusal, except 429, which asks us to come back after `Retry-After` (RFC 9110 §10.2.3);
 *   a 5xx is worth retrying.
 * - Pingback 1.0 §3: a success string, or a fault. Fault 48 (already registered) is a success
 *   for the sender; 16, 17, 32, 33 and 49 are final; 0 and 50 (generic, upstream trouble) may
 *   pass, so they are retried.
 * - TrackBack 1.2: `<error>0</error>` is success, any other `<error>` a refusal with its
 *   `<message>`. Only error 0 records the ping as sent.
 */
import { parseMethodResponse } from '../xmlrpc/parse-method-response.js';
import { parseHttpUrl } from '../url.js';

export type SendVerdict =
  | { readonly kind: 'sent'; readonly statusUrl?: string; readonly note?: string }
  | { readonly kind: 'refused'; readonly error: string }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number };

export interface ReceiverAnswer {
  readonly status: number;
  /** Header lookup by lower-case name. */
  readonly header: (name: string) => string | null;
  readonly body: string;
}

/** The longest `Retry-After` we honour; a longer one is clamped to it. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from `now`. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The HTTP-level part every protocol shares; undefined for a 2xx the protocol must read. */
function httpVerdict(answer: ReceiverAnswer, now: Date): SendVerdict | undefined {
  const { status } = answer;
  if (status >= 200 && status < 300) return undefined;
  if (status === 429) {
    const after = retryAfterMs(answer.header('retry-after'), now);
    return {
      kind: 'retry',
      error: 'http_429',
      ...(after === undefined ? {} : { retryAfterMs: after }),
    };
  }
  if (status >= 500) return { kind: 'retry', error: `http_${status}` };
  return { kind: 'refused', error: `http_${status}` };
}

export function webmentionVerdict(
  answer: ReceiverAnswer,
  endpoint: string,
  now: Date,
): SendVerdict {
  const http = httpVerdict(answer, now);
  if (http) return http;
  const location = answer.header('location');
  const statusUrl = location === null ? null : parseHttpUrl(location, endpoint);
  return statusUrl === null ? { kind: 'sent' } : { kind: 'sent', statusUrl: statusUrl.href };
}

export function pingbackVerdict(answer: ReceiverAnswer, now: Date): SendVerdict {
  const http = httpVerdict(answer, now);
  if (http) return http;
  const parsed = parseMethodResponse(answer.body);
  if (!parsed.ok) return { kind: 'refused', error: 'unreadable_response' };
  const response = parsed.value;
  if (response.kind === 'success') return { kind: 'sent' };
  if (response.code === 48) return { kind: 'sent', note: 'fault_48_already_registered' };
  if (response.code === 0 || response.code === 50) {
    return { kind: 'retry', error: `fault_${response.code}` };
  }
  // 16, 17, 32, 33 and 49 are final by the spec; a code it does not define is no better.
  return { kind: 'refused', error: `fault_${response.code}` };
}

/** The `<error>` and `<message>` of a TrackBack response, read leniently; null when absent. */
export function readTrackbackResponse(body: string): { error: string; message: string } | null {
  const error = /<error>\s*([^<]*?)\s*<\/error>/i.exec(body)?.[1];
  if (error === undefined) return null;
  const raw = /<message>([\s\S]*?)<\/message>/i.exec(body)?.[1] ?? '';
  const message = raw
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return { error, message };
}

export function trackbackVerdict(answer: ReceiverAnswer, now: Date): SendVerdict {
  const http = httpVerdict(answer, now);
  if (http) return http;
  const response = readTrackbackResponse(answer.body);
  if (response === null) return { kind: 'refused', error: 'unreadable_response' };
  if (response.error === '0') return { kind: 'sent' };
  const message = response.message.slice(0, 200);
  return { kind: 'refused', error: message ? `trackback_error: ${message}` : 'trackback_error' };
}

/**
 * A ping service's answer to `weblogUpdates.(extended)ping`: a struct whose `flerror` is false
 * on success. `unknownMethod` is true for XML-RPC's −32601, to fall back to the basic ping.
 */
export function updatePingVerdict(
  answer: ReceiverAnswer,
  now: Date,
): SendVerdict & { readonly unknownMethod?: boolean } {
  const http = httpVerdict(answer, now);
  if (http) return http;
  const parsed = parseMethodResponse(answer.body);
  if (!parsed.ok) return { kind: 'refused', error: 'unreadable_response' };
  const response = parsed.value;
  if (response.kind === 'fault') {
    return {
      kind: 'refused',
      error: `fault_${response.code}`,
      unknownMethod: response.code === -32601,
    };
  }
  if (response.value.type !== 'struct') return { kind: 'sent' };
  const flerror = response.value.value.get('flerror');
  const failed =
    flerror?.type === 'boolean' ? flerror.value : flerror?.type === 'int' && flerror.value !== 0;
  if (!failed) return { kind: 'sent' };
  const message = response.value.value.get('message');
  return {
    kind: 'refused',
    error: message?.type === 'string' ? `flerror: ${message.value.slice(0, 200)}` : 'flerror',
  };
}
