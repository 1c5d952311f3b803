/**
 * The webhook signature scheme, both sides of it. A delivery carries
 *
 *   Newsdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *   Newsdesk-Delivery: <uuid, the same on every attempt of one delivery>
 *
 * The receiver recomputes the HMAC over the timestamp and the exact bytes it received, compares
 * in constant time, refuses a timestamp outside its replay window, and remembers the delivery ids
 * it has handled so a replay inside the window is detectable too. Pure: the caller passes the time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Newsdesk-Signature';
export const DELIVERY_HEADER = 'Newsdesk-Delivery';
export const EVENT_HEADER = 'Newsdesk-Event';

/** How far a signed timestamp may be from the receiver's clock (either way), by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `Newsdesk-Signature` value for `body` sent at `now`. */
export function signWebhook(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

export type SignatureRefusal = 'malformed' | 'stale' | 'mismatch';

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: SignatureRefusal };

/**
 * The receiver's check: true only when one `v1` value is the HMAC of `<t>.<body>` under `secret`
 * and `t` is within `toleranceSeconds` of `now`. Several `v1` values are allowed (a secret being
 * rotated); unknown schemes are ignored.
 */
export function verifyWebhookSignature(input: {
  readonly secret: string;
  readonly header: string | null | undefined;
  readonly body: string;
  readonly now: Date;
  readonly toleranceSeconds?: number;
}): SignatureCheck {
  const header = input.header ?? '';
  if (header.length === 0 || header.length > 2000) return { ok: false, reason: 'malformed' };
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) return { ok: false, reason: 'malformed' };
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value) || t !== null) return { ok: false, reason: 'malformed' };
      t = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return { ok: false, reason: 'malformed' };
      signatures.push(value);
    }
  }
  if (t === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(input.now.getTime() / 1000) - t) > tolerance) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(hmacHex(input.secret, t, input.body), 'hex');
  const matches = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return matches ? { ok: true, timestamp: t } : { ok: false, reason: 'mismatch' };
}
