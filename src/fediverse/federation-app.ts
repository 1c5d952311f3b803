import type { Federation } from '@fedify/fedify';
import { Hono, type Context, type Next } from 'hono';
import type { RateDecision, RateLimiter } from '../app/ports.js';
import { refuseJson } from '../web/errors.js';
import type { InboxSigner } from './inbox-signer.js';

export interface InboxLimits {
  /** Largest inbox body accepted, in bytes (413 beyond). */
  readonly maxBodyBytes: number;
  /** Inbox POSTs per minute from one client address (before any signature is checked). */
  readonly perAddressPerMinute: number;
  /**
   * Inbox POSTs per minute from one client address naming one instance in its key id (before
   * verification: a forger at another address cannot spend a real instance's budget).
   */
  readonly perInstancePerMinute: number;
  /** Inbox POSTs per minute signed by one actor, counted only once its signature verified. */
  readonly perActorPerMinute: number;
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  maxBodyBytes: 256 * 1024,
  perAddressPerMinute: 1200,
  perInstancePerMinute: 600,
  perActorPerMinute: 60,
};

/** What the inbox guard needs besides the federation: the rate, the client, the signer. */
export interface InboxGuardDeps {
  readonly limiter: RateLimiter;
  /** The client's address as the socket gives it (null when unknown: one shared bucket). */
  readonly clientIp: (c: Context) => string | null;
  /** The verified signer of a request, or null (src/fediverse/inbox-signer.ts). */
  readonly signer: InboxSigner;
}

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
  federation: Pick<Federation<void>, 'fetch'>,
  guard: InboxGuardDeps,
  limits: InboxLimits = DEFAULT_INBOX_LIMITS,
): { path: string; app: Hono }[] {
  const { limiter } = guard;
  const tooMany = (c: Context, decision: RateDecision) => {
    if (!decision.allowed) c.header('Retry-After', String(decision.retryAfterSeconds));
    return refuseJson(c, 'rate_limited', 'Too many activities from this sender; slow down.');
  };
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
    // Before verification only what the sender cannot forge counts: its address, and its
    // address together with the instance it claims (a forger elsewhere spends only its own).
    const ip = guard.clientIp(c) ?? 'unknown';
    const claimed = signingKeyId(c.req.raw.headers)?.host ?? '-';
    const early = [
      limiter.take(`fedi:ip:${ip}`, limits.perAddressPerMinute, 60_000),
      limiter.take(`fedi:ip-instance:${ip} ${claimed}`, limits.perInstancePerMinute, 60_000),
    ].find((d) => !d.allowed);
    if (early) return tooMany(c, early);
    const copyOf = () =>
      new Request(c.req.raw.url, { method: 'POST', headers: c.req.raw.headers, body });
    // The actor's own budget is spent only by requests it really signed.
    const signer = await guard.signer(copyOf());
    if (signer !== null) {
      const own = limiter.take(`fedi:actor:${signer}`, limits.perActorPerMinute, 60_000);
      if (!own.allowed) return tooMany(c, own);
    }
    const copy = copyOf();
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

  // WebFinger is a JSON protocol (RFC 7033 §4.2): an unknown account is a JSON 404, not the
  // site's HTML error page.
  const webfinger = async (c: Context) => {
    let notFound = false;
    const response = await federation.fetch(c.req.raw, {
      contextData: undefined,
      onNotFound: () => {
        notFound = true;
        return new Response(null, { status: 404 });
      },
    });
    return notFound
      ? refuseJson(c, 'not_found', 'No account of this site has that name.')
      : response;
  };
  const wellKnown = new Hono();
  wellKnown.all('/webfinger', webfinger);
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
