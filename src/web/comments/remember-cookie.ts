import { z } from 'zod';

/**
 * The opt-in "remember me" cookie: name, email and website, set only when the reader ticks the
 * box on a successful comment, cleared when they post with it unticked. Nothing else on the
 * public site sets a cookie.
 */
export const REMEMBER_COOKIE = 'newsdesk_commenter';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export interface Remembered {
  readonly name: string;
  readonly email: string;
  readonly url: string;
}

const shape = z.object({
  n: z.string().max(100),
  e: z.string().max(320),
  u: z.string().max(500),
});

export function readRemembered(cookieHeader: string | null | undefined): Remembered | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REMEMBER_COOKIE) continue;
    try {
      const json: unknown = JSON.parse(
        Buffer.from(part.slice(eq + 1).trim(), 'base64url').toString('utf8'),
      );
      const v = shape.parse(json);
      return { name: v.n, email: v.e, url: v.u };
    } catch {
      return null;
    }
  }
  return null;
}

export function rememberCookie(value: Remembered, secure: boolean): string {
  const encoded = Buffer.from(
    JSON.stringify({ n: value.name, e: value.email, u: value.url }),
  ).toString('base64url');
  return `${REMEMBER_COOKIE}=${encoded}; Max-Age=${ONE_YEAR_SECONDS}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function forgetCookie(secure: boolean): string {
  return `${REMEMBER_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
