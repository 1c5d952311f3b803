/**
 * Charset choice for a TrackBack ping (TrackBack 1.2 §"Sending a TrackBack ping": the
 * `charset` attribute SHOULD be present and every field MUST use it). Order: Content-Type
 * parameter, then the legacy `charset` form field, then UTF-8 — falling back to Windows-1252
 * when an undeclared body is not valid UTF-8 (old Latin-1 blogs rarely declared anything).
 *
 * Refused: UTF-7 (its `+ADw-` form smuggles `<` past filters; WordPress's wp-trackback.php refuses it
 * too) and ASCII-incompatible encodings (UTF-16/32): a urlencoded body is ASCII by construction.
 */
import iconv from 'iconv-lite';
import { err, ok, type Result } from '../../domain/result.js';

export type CharsetError = { readonly code: 'unsupported_charset'; readonly message: string };

const ASCII_INCOMPATIBLE =
  /^(?:utf7|csunicode11utf7|unicode11utf7|utf16.*|utf32.*|ucs2|ucs4|unicode)$/;

/** Checks a declared charset label; returns the label iconv-lite will use. */
export function acceptCharset(label: string): Result<string, CharsetError> {
  const squashed = label.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (ASCII_INCOMPATIBLE.test(squashed)) {
    const what = squashed.includes('7') ? 'UTF-7 is refused' : 'is not ASCII-compatible';
    return err({ code: 'unsupported_charset', message: `charset "${label}" ${what}` });
  }
  if (!iconv.encodingExists(label)) {
    return err({ code: 'unsupported_charset', message: `unknown charset "${label}"` });
  }
  return ok(label);
}

/** Decodes with a declared charset, or UTF-8 → Windows-1252 when none was declared. */
export function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  if (charset !== undefined) return iconv.decode(Buffer.from(bytes), charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}
