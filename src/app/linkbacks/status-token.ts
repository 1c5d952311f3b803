/**
 * Unguessable Webmention status URLs without a token column: the token is the item id plus an
 * HMAC-SHA256 of it under a random per-site secret kept in the settings table (created once,
 * race-safe via getOrInit). Anyone holding the URL may read the status; nobody can forge one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../deps.js';

const SECRET_KEY = 'linkback-status-secret';
const MAC_CHARS = 32;

type Deps = Pick<AppDeps, 'repos'>;

async function secret(deps: Deps): Promise<string> {
  // Read first: a write on every status GET would bump the content version and flush the page
  // cache (PostgreSQL's statement triggers fire even when ON CONFLICT writes nothing).
  const stored = await deps.repos.settings.get<string>(SECRET_KEY);
  if (stored) return stored;
  return deps.repos.settings.getOrInit(SECRET_KEY, () => randomBytes(32).toString('base64url'));
}

const mac = (key: string, itemId: number): string =>
  createHmac('sha256', key)
    .update(`webmention-status:${itemId}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);

export async function statusToken(deps: Deps, itemId: number): Promise<string> {
  return `${itemId}-${mac(await secret(deps), itemId)}`;
}

/** The item id a token names, or null when the token is malformed or forged. */
export async function readStatusToken(deps: Deps, token: string): Promise<number | null> {
  const m = /^([1-9]\d{0,11})-([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  const expected = Buffer.from(mac(await secret(deps), id));
  const given = Buffer.from(m[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
