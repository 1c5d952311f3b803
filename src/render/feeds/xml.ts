/**
 * A small XML writer: every text and attribute value goes through xmlEscape (illegal code points
 * dropped, markup characters escaped, so `]]>` cannot occur and no CDATA is needed).
 */
import { xmlEscape } from '../../domain/xml-text.js';

export type Attrs = Readonly<Record<string, string | number | null | undefined>>;

/** Already-written XML (only this module's functions make it). */
export interface Xml {
  readonly xml: string;
}

const attrs = (a: Attrs = {}) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

/** `<name attrs>children</name>`; strings are text (escaped), Xml is kept; empty: `<name/>`. */
export function el(
  name: string,
  a: Attrs | null,
  ...children: (string | Xml | null | undefined | false)[]
): Xml {
  const inner = children
    .map((c) =>
      c === null || c === undefined || c === false
        ? ''
        : typeof c === 'string'
          ? xmlEscape(c)
          : c.xml,
    )
    .join('');
  return {
    xml:
      inner === '' ? `<${name}${attrs(a ?? {})}/>` : `<${name}${attrs(a ?? {})}>${inner}</${name}>`,
  };
}

export const frag = (...parts: (Xml | null | undefined | false)[]): Xml => ({
  xml: parts.map((p) => (p ? p.xml : '')).join(''),
});

export const document = (root: Xml): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;

/** RFC 822 dates for RSS (RFC 1123 form, always GMT). */
export const rfc822 = (d: Date): string => d.toUTCString();

/** RFC 3339 for Atom, sitemaps and JSON Feed, without milliseconds. */
export const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
