/**
 * TrackBack ping body → cleaned fields (TrackBack 1.2 §"Sending a TrackBack Ping"; our checks, cases F80–F88). Works on bytes: the
 * body is split and percent-decoded first, and only then decoded with the ping's charset, so
 * Latin-1 `%E9` becomes "é" rather than U+FFFD.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { storableText } from '../../domain/storable-text.js';
import { collapseWhitespace, cropText, htmlToText } from '../html/text.js';
import { parseSourceUrl } from '../url.js';
import { charsetParameter, mediaType } from '../media-type.js';
import { acceptCharset, decodeBytes } from './charset.js';

export interface TrackbackPing {
  readonly url: string;
  readonly title: string;
  readonly excerpt: string;
  readonly blogName: string;
}

export type TrackbackFormErrorCode =
  'invalid_content_type' | 'unsupported_charset' | 'missing_url' | 'invalid_url';

export interface TrackbackFormError {
  readonly code: TrackbackFormErrorCode;
  readonly message: string;
}

/** WordPress's crops (wp-trackback.php), kept so migrated sites look the same. */
export const TRACKBACK_TITLE_MAX = 250;
export const TRACKBACK_EXCERPT_MAX = 252;

const FORM_TYPE = 'application/x-www-form-urlencoded';

export function parseTrackbackForm(
  bodyBytes: Uint8Array,
  contentType: string | undefined,
): Result<TrackbackPing, TrackbackFormError> {
  const type = mediaType(contentType);
  if (type !== undefined && type !== FORM_TYPE) {
    return err({ code: 'invalid_content_type', message: `expected ${FORM_TYPE}` });
  }

  const rawFields = splitForm(bodyBytes);
  const label = charsetParameter(contentType) ?? asciiField(rawFields, 'charset');
  let charset: string | undefined;
  if (label !== undefined) {
    const accepted = acceptCharset(label);
    if (!accepted.ok) return accepted;
    charset = accepted.value;
  }
  const field = (name: string): string => {
    const bytes = rawFields.get(name);
    return bytes === undefined ? '' : decodeBytes(bytes, charset);
  };

  const rawUrl = field('url').trim();
  if (rawUrl === '') return err({ code: 'missing_url', message: 'the url field is required' });
  const url = parseSourceUrl(rawUrl);
  if (url === null) {
    return err({
      code: 'invalid_url',
      message: 'url must be an absolute http(s) URL without user info',
    });
  }

  const title = cleanText(field('title'));
  return ok({
    url: url.href,
    // TrackBack 1.2 makes title optional; WordPress drops such pings, we default to the URL.
    title: cropText(title === '' ? url.href : title, TRACKBACK_TITLE_MAX),
    excerpt: cropText(cleanText(field('excerpt')), TRACKBACK_EXCERPT_MAX),
    blogName: cropText(cleanText(field('blog_name')), TRACKBACK_TITLE_MAX),
  });
}

function cleanText(value: string): string {
  return storableText(collapseWhitespace(htmlToText(value)));
}

/** Splits `a=b&c=d` bytes into name → percent-decoded value bytes; the first occurrence wins. */
function splitForm(bytes: Uint8Array): Map<string, Uint8Array> {
  const fields = new Map<string, Uint8Array>();
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x26 /* & */, start);
    if (end < 0) end = bytes.length;
    const pair = bytes.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    const eq = pair.indexOf(0x3d /* = */);
    const name = new TextDecoder('latin1').decode(
      percentDecode(eq < 0 ? pair : pair.subarray(0, eq)),
    );
    const value = eq < 0 ? new Uint8Array() : percentDecode(pair.subarray(eq + 1));
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}

/** application/x-www-form-urlencoded byte decoding (URL Standard §5.1): `+` → space, `%XX`. */
function percentDecode(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x2b) {
      out[n++] = 0x20;
    } else if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(bytes[i + 1] as number, bytes[i + 2] as number), 16);
      i += 2;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

function isHex(b: number | undefined): boolean {
  return b !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(b));
}

function asciiField(fields: Map<string, Uint8Array>, name: string): string | undefined {
  const bytes = fields.get(name);
  if (bytes === undefined) return undefined;
  const value = new TextDecoder('latin1').decode(bytes).trim();
  return value === '' ? undefined : value;
}
