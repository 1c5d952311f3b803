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

export function formatDate(date: Date, timeZone: string): string {
  return formatter('date', timeZone).format(date);
}

export function formatDateTime(date: Date, timeZone: string): string {
  return formatter('datetime', timeZone).format(date);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
