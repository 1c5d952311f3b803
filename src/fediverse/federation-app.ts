import type { Federation } from '@fedify/fedify';
import { Hono, type Context, type Next } from 'hono';
import type { RateLimiter } from '../app/ports.js';
import { refuseJson } from '../web/errors.js';

export interface InboxLimits {
  /** Largest inbox body accepted, in bytes (413 beyond). */
  readonly maxBodyBytes: number;
  /** Inbox POSTs per minute from one signing actor (its key id without the fragment). */
  readonly perActorPerMinute: number;
  /** Inbox POSTs per minute from one instance (the key id's host). */
  readonly perInstancePerMinute: number;
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  maxBodyBytes: 256 * 1024,
  perActorPerMinute: 60,
  perInstancePerMinute: 600,
};

/** The key id a request's signature names (draft-cavage `Signature` or RFC 9421 `Signature-Input`). */
export function signingKeyId(headers: Headers): URL | null {
  const raw = `${headers.get('signature') ?? ''} ${headers.get('signature-input') ?? ''}`;
  const match = /keyid="([^"]{1,2000})"/i.exec(raw);
  if (!match?.[1]) return null;
  try {
    return new URL(match[1]);
  } catch {
    return null;
  }
}

/**
 * The federation's HTTP area: WebFinger, NodeInfo and everything under `/ap/` go to Fedify; no
 * other path is touched (the article pages are never negotiated). Inbox POSTs are refused before
 * Fedify parses them when the body is too large (413) or the signer or its instance is over its
 * rate (429); Fedify then verifies the signature, digest, clock window and replay.
 */
export function federationAreas(
  federation: Federation<void>,
  limiter: RateLimiter,
  limits: InboxLimits = DEFAULT_INBOX_LIMITS,
): { path: string; app: Hono }[] {
  const handle = async (c: Context, next: Next) => {
    let notFound = false;
    const response = await federation.fetch(c.req.raw, {
      contextData: undefined,
      onNotFound: () => {
        notFound = true;
        return new Response('Not Found', { status: 404 });
      },
      onNotAcceptable: () =>
        new Response('Not Acceptable: ask for application/activity+json', {
          status: 406,
          headers: { Vary: 'Accept' },
        }),
    });
    if (notFound) return next();
    return response;
  };

  const guardInbox = async (c: Context, next: Next) => {
    if (c.req.method !== 'POST') return next();
    const declared = Number(c.req.header('content-length') ?? 'NaN');
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      return refuseJson(c, 'payload_too_large', 'The activity is larger than this inbox accepts.');
    }
    // Read once, within the cap (a chunked body has no length to trust), and hand Fedify a copy.
    const body = await readCapped(c.req.raw, limits.maxBodyBytes);
    if (body === null) {
      return refuseJson(c, 'payload_too_large', 'The activity is larger than this inbox accepts.');
    }
    const keyId = signingKeyId(c.req.raw.headers);
    if (keyId !== null) {
      const actor = `${keyId.origin}${keyId.pathname}`;
      const checks = [
        limiter.take(`fedi:instance:${keyId.host}`, limits.perInstancePerMinute, 60_000),
        limiter.take(`fedi:actor:${actor}`, limits.perActorPerMinute, 60_000),
      ];
      const refused = checks.find((d) => !d.allowed);
      if (refused && !refused.allowed) {
        c.header('Retry-After', String(refused.retryAfterSeconds));
        return refuseJson(c, 'rate_limited', 'Too many activities from this sender; slow down.');
      }
    }
    const copy = new Request(c.req.raw.url, {
      method: 'POST',
      headers: c.req.raw.headers,
      body,
    });
    let notFound = false;
    const response = await federation.fetch(copy, {
      contextData: undefined,
      onNotFound: () => {
        notFound = true;
        return new Response('Not Found', { status: 404 });
      },
    });
    return notFound ? next() : response;
  };

  const wellKnown = new Hono();
  wellKnown.all('/webfinger', handle);
  wellKnown.all('/nodeinfo', handle);
  const nodeinfo = new Hono();
  nodeinfo.all('/*', handle);
  const ap = new Hono();
  ap.post('/inbox', guardInbox);
  ap.post('/actors/:identifier/inbox', guardInbox);
  ap.all('/*', handle);
  return [
    { path: '/.well-known', app: wellKnown },
    { path: '/nodeinfo', app: nodeinfo },
    { path: '/ap', app: ap },
  ];
}

/** The body, or null when it is longer than `max` bytes (reading stops there). */
async function readCapped(req: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (req.body === null) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
