import {
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import type { SettingsRepository } from '../ports.js';

/**
 * Signed comment-form tokens: HMAC-SHA256 over (article id, issued-at), so a POST proves the form
 * was fetched from us for this article, how long ago, without any server-side state. The secret is
 * generated on first use and kept in the settings table, never in the repository.
 */

export const FORM_SECRET_KEY = 'comment-form-secret';

export type TokenCheck = 'ok' | 'invalid' | 'too-fast' | 'expired';

export interface FormTokens {
  issue(articleId: number, now: Date): Promise<string>;
  verify(
    token: string,
    articleId: number,
    now: Date,
    limits: { readonly minFillSeconds: number; readonly maxAgeSeconds: number },
  ): Promise<TokenCheck>;
}

export function formTokens(settings: Pick<SettingsRepository, 'get' | 'getOrInit'>): FormTokens {
  // A KeyObject, made once: since Node 22, an HMAC keyed by a raw Buffer builds a KeyObject on
  // every call, about four times the cost of the hash itself on a cached page's token fill.
  let secret: Promise<KeyObject> | null = null;
  // Read first: the insert-if-absent is a write (PostgreSQL's statement triggers fire even when
  // it inserts nothing), and every write outdates the cached pages.
  const stored = async () =>
    (await settings.get<string>(FORM_SECRET_KEY)) ??
    settings.getOrInit(FORM_SECRET_KEY, () => randomBytes(32).toString('base64url'));
  const key = () =>
    (secret ??= stored()
      .then((s) => createSecretKey(Buffer.from(String(s), 'base64url')))
      .catch((error: unknown) => {
        secret = null; // a failed read (a full disk, a lock) must not be remembered
        throw error;
      }));
  const sign = async (articleId: number, issuedAt: number) =>
    createHmac('sha256', await key())
      .update(`${articleId}.${issuedAt}`)
      .digest();

  return {
    async issue(articleId, now) {
      const issuedAt = now.getTime();
      return `${articleId}.${issuedAt}.${(await sign(articleId, issuedAt)).toString('base64url')}`;
    },
    async verify(token, articleId, now, limits) {
      const m = /^(\d{1,12})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m || Number(m[1]) !== articleId) return 'invalid';
      const issuedAt = Number(m[2]);
      const given = Buffer.from(m[3] ?? '', 'base64url');
      const expected = await sign(articleId, issuedAt);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      const age = (now.getTime() - issuedAt) / 1000;
      if (age < limits.minFillSeconds) return 'too-fast';
      if (age > limits.maxAgeSeconds) return 'expired';
      return 'ok';
    },
  };
}
