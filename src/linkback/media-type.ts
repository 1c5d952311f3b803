/**
 * The one reading of a Content-Type value (RFC 9110 §8.3.1: `type/subtype` then `;`-separated
 * parameters) outside src/net, for every endpoint and parser that picks a body format.
 */

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

/** The `charset` parameter of a Content-Type value, unquoted, or undefined. */
export function charsetParameter(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}
