import { MIMEType } from 'whatwg-mimetype';

/**
 * Content-Type values for every endpoint and parser that picks a body format (RFC 9110 §8.3.1),
 * parsed by whatwg-mimetype, the WHATWG MIME Sniffing parser browsers follow. src/net reads
 * response types with the same parser.
 */

/** An unparseable value names no format we read: neither HTML nor a form nor text. */
const UNPARSEABLE = 'application/octet-stream';

/** The lowercase `type/subtype` of a Content-Type value, or undefined when absent/empty. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined || contentType.trim() === '') return undefined;
  return MIMEType.parse(contentType)?.essence ?? UNPARSEABLE;
}

/** HTML or XHTML. A missing Content-Type is treated as HTML, as browsers sniff it. */
export function isHtmlType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === undefined || type === 'text/html' || type === 'application/xhtml+xml';
}

/** `application/json` or any `+json` type (JSON Feed, ActivityStreams, mf2 JSON). */
export function isJsonType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type !== undefined && (type === 'application/json' || type.endsWith('+json'));
}

export function isPlainTextType(contentType: string | undefined): boolean {
  return mediaType(contentType) === 'text/plain';
}

/** The `charset` parameter of a Content-Type value, unquoted, or undefined. */
export function charsetParameter(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const charset = MIMEType.parse(contentType)?.parameters.get('charset')?.trim();
  return charset === undefined || charset === '' ? undefined : charset;
}
