/**
 * Pure rules for what a remote fediverse server tells us about an actor and an object: URLs are
 * kept only when they are absolute http(s) and of a sane length, names and handles lose control
 * and bidi-override characters, and the blocklists match an actor by its id or its instance.
 */

/** The longest URL kept (an object id, a profile, an icon). */
export const FEDIVERSE_URL_MAX = 2000;
/** The longest display name and handle kept, in UTF-16 code units. */
export const FEDIVERSE_NAME_MAX = 200;
/** Replies whose remote HTML is longer than this are refused, not cropped. */
export const FEDIVERSE_CONTENT_MAX = 50_000;

/** The URL as written when it is an absolute http(s) URL with a host; otherwise null. */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > FEDIVERSE_URL_MAX) {
    return null;
  }
  if (/[\s\p{Cc}]/u.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** A display name with unprintable characters removed and whitespace collapsed; null if empty. */
export function cleanName(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const name = value.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
  return name === '' ? null : name.slice(0, FEDIVERSE_NAME_MAX);
}

/** The instance an actor id belongs to: its lower-case host without a trailing dot. */
export function actorHost(actorId: string): string | null {
  try {
    return new URL(actorId).hostname.toLowerCase().replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/**
 * `@user@host` for display. A handle that does not look like one after cleaning (control
 * characters, spaces, missing parts) is rebuilt from the actor id's last path segment and host.
 */
export function cleanHandle(value: string | null | undefined, actorId: string): string {
  const cleaned = (value ?? '').replace(UNPRINTABLE, '').replace(/\s+/g, '').replace(/^@/, '');
  if (/^[^@/]{1,100}@[a-z0-9.-]{1,253}$/i.test(cleaned) && cleaned.length <= FEDIVERSE_NAME_MAX) {
    return `@${cleaned}`;
  }
  const host = actorHost(actorId) ?? 'unknown';
  let user = 'someone';
  try {
    const seg = new URL(actorId).pathname.split('/').filter(Boolean).pop();
    if (seg) user = decodeURIComponent(seg).replace(UNPRINTABLE, '').replace(/[\s@]/g, '') || user;
  } catch {
    // actorId was validated by the caller; keep the placeholder
  }
  return `@${user.slice(0, 100)}@${host}`;
}

/** A blocklist entry as compared: actor ids without a trailing slash, hosts bare. */
export const normalActorId = (id: string): string => id.trim().replace(/\/+$/, '');
export const normalHost = (host: string): string =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');

export interface FediverseBlocklists {
  readonly blockInstances: readonly string[];
  readonly blockActors: readonly string[];
}

/** Whether the actor or its instance (or a parent domain of it) is on the blocklists. */
export function actorBlocked(actorId: string, lists: FediverseBlocklists): boolean {
  const id = normalActorId(actorId);
  if (lists.blockActors.some((a) => normalActorId(a) === id)) return true;
  const host = actorHost(actorId);
  if (!host) return false;
  return lists.blockInstances.some((d) => {
    const listed = normalHost(d);
    return listed !== '' && (host === listed || host.endsWith(`.${listed}`));
  });
}

/** What a `fediverse block` argument names: an actor (by its id URL) or an instance (a host). */
export type BlockTarget =
  | { readonly kind: 'actor'; readonly id: string }
  | { readonly kind: 'instance'; readonly host: string };

export function parseBlockTarget(value: string): BlockTarget | null {
  const v = value.trim();
  if (v.includes('://')) {
    const url = httpUrlOrNull(v);
    return url ? { kind: 'actor', id: normalActorId(url) } : null;
  }
  const host = normalHost(v);
  if (host.length > 253 || !/^(?=.*[a-z])[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host)) return null;
  return { kind: 'instance', host };
}
