import { randomBytes } from 'node:crypto';

/** A recognisable prefix, so secret scanners and people can tell a Newsdesk token on sight. */
export const API_TOKEN_PREFIX = 'nd_';

/** A new token: the prefix and 256 random bits, URL-safe (46 characters). */
export const newApiToken = (): string => API_TOKEN_PREFIX + randomBytes(32).toString('base64url');

/** Whether a string has a token's shape (checked before any lookup). */
export const looksLikeApiToken = (s: string): boolean => /^nd_[A-Za-z0-9_-]{43}$/.test(s);
