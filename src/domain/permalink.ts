/** Article permalinks are /YYYY/MM/slug/ with year and month of publication in the site's zone. */

export interface PermalinkParts {
  readonly year: string;
  readonly month: string;
  readonly slug: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** `formatToParts` costs microseconds and a page asks for the same instants on every render. */
const known = new Map<string, { year: string; month: string }>();
const MAX_KNOWN = 10_000;

export function zonedYearMonth(date: Date, timeZone: string): { year: string; month: string } {
  const key = `${timeZone}|${date.getTime()}`;
  const held = known.get(key);
  if (held) return { ...held };
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(date);
  const year = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(key, { year, month });
  return { year, month };
}

export function permalinkPath(slug: string, publishedAt: Date, timeZone: string): string {
  const { year, month } = zonedYearMonth(publishedAt, timeZone);
  return `/${year}/${month}/${slug}/`;
}

/** Parses a request path into permalink parts, or null when it is not shaped like one. */
export function parsePermalinkPath(path: string): PermalinkParts | null {
  const m = /^\/(\d{4})\/(\d{2})\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(path);
  if (!m) return null;
  return { year: m[1] as string, month: m[2] as string, slug: m[3] as string };
}

/** A page lives at `/slug/`, outside the dated archive. */
export function pagePath(slug: string): string {
  return `/${slug}/`;
}

/** The slug of a `/slug/` or `/slug` path, or null when the path is not shaped like a page's. */
export function parsePagePath(path: string): string | null {
  const m = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(path);
  return m ? (m[1] as string) : null;
}
