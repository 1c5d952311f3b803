import type { ResponseHeaders } from './types.js';

type RawHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Wraps undici's header record. Repeated fields (several `Link` lines, RFC 8288 §3) stay separate
 * in `getAll`; `get` joins them with ", " as RFC 9110 §5.3 allows for list-valued fields.
 */
export function toResponseHeaders(raw: RawHeaders): ResponseHeaders {
  const lines: (readonly [string, string])[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    for (const item of Array.isArray(value) ? value : [value]) lines.push([key, item]);
  }
  const getAll = (name: string): readonly string[] => {
    const key = name.toLowerCase();
    return lines.filter(([n]) => n === key).map(([, v]) => v);
  };
  return {
    get: (name) => {
      const values = getAll(name);
      return values.length === 0 ? null : values.join(', ');
    },
    getAll,
    has: (name) => getAll(name).length > 0,
    entries: () => lines,
  };
}
