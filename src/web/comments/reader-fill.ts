import {
  READER_FIELDS,
  type ReaderField,
  type ReaderFill,
} from '../../app/comments/token-slots.js';
import { escapeHtml } from '../../render/theme/escape.js';
import { readRemembered, type Remembered } from './remember-cookie.js';

/**
 * What a comment form's reader marks become for one response: the details the reader's own
 * "remember me" cookie holds, escaped for the attribute they fill, or nothing for a reader
 * without it. Only ever computed from the request being answered, and never stored.
 */
export function readerFillOf(remembered: Remembered | null): ReaderFill {
  if (!remembered) return NO_READER;
  return {
    name: escapeHtml(remembered.name),
    email: escapeHtml(remembered.email),
    url: escapeHtml(remembered.url),
    remember: ' checked=""',
  };
}

/** The fill for a request's Cookie header; null when it holds no valid remember-me cookie. */
export function readerFill(cookieHeader: string | null | undefined): ReaderFill | null {
  if (!cookieHeader) return null;
  const remembered = readRemembered(cookieHeader);
  return remembered ? readerFillOf(remembered) : null;
}

/** The fill for a reader without details: every mark becomes nothing. */
export const NO_READER: ReaderFill = Object.freeze(
  Object.fromEntries(READER_FIELDS.map((f) => [f, ''])) as Record<ReaderField, string>,
);
