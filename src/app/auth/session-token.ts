import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret for a cookie or a one-time link: 256 random bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the store keeps of a token: its SHA-256, so a leaked table signs nobody in. */
export const tokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/**
 * The CSRF token of a session: derived from the session's secret cookie, so it needs no state of
 * its own and a page on another site, which cannot read the cookie, cannot compute it.
 */
export const csrfTokenFor = (sessionToken: string): string =>
  createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');

/** Constant-time comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
