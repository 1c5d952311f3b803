/**
 * Dates are shown in the site's time zone; machine-readable values stay ISO-8601 UTC.
 * Intl formatters are expensive to build (tens of microseconds each), so one per zone is kept.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'datetime', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(kind === 'datetime'
        ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' as const }
        : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/**
 * `format()` itself costs microseconds per call, and a page shows the same few instants on every
 * render (its date, its stories' dates), so formatted strings are kept too, up to a bound.
 */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 10_000;

function format(kind: 'date' | 'datetime', date: Date, timeZone: string): string {
  const key = `${kind}|${timeZone}|${date.getTime()}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatter(kind, timeZone).format(date);
    if (formatted.size >= MAX_FORMATTED) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export function formatDate(date: Date, timeZone: string): string {
  return format('date', date, timeZone);
}

export function formatDateTime(date: Date, timeZone: string): string {
  return format('datetime', date, timeZone);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
