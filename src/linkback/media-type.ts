/** Media-type helpers for deciding which body parser applies. */

/** The lowercase `type/subtype` of a Content-Type value, or undefined when absent/empty. */
export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
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
