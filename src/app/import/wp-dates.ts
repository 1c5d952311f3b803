/**
 * WordPress dates: `post_date_gmt` is UTC as `YYYY-MM-DD HH:MM:SS`; drafts carry
 * `0000-00-00 00:00:00` there, and some exports leave it out, so the local `post_date` is read in
 * the site's time zone instead; RSS's `pubDate` is the last resort.
 */

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far ahead of UTC the zone's wall clock is at `utcMs`, in milliseconds. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

function wallClockMs(value: string): number | null {
  const m = WP_DATE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  if (!y || !mo || !d) return null; // 0000-00-00: WordPress's "no date"
  const ms = Date.UTC(y, (mo as number) - 1, d, h, mi, s);
  return Number.isNaN(ms) ? null : ms;
}

/** A `post_date_gmt`-style value as a UTC date; null for the zero date or anything unreadable. */
export function parseWpGmt(value: string): Date | null {
  const ms = wallClockMs(value);
  return ms === null ? null : new Date(ms);
}

/** A local `post_date` read as wall-clock time in `timeZone`. */
export function parseWpLocal(value: string, timeZone: string): Date | null {
  const wall = wallClockMs(value);
  if (wall === null) return null;
  let utc = wall - zoneOffsetMs(wall, timeZone);
  // Near a DST change the offset at the first guess can differ from the offset at the answer.
  const again = wall - zoneOffsetMs(utc, timeZone);
  if (again !== utc) utc = again;
  return new Date(utc);
}

/** The date of a post or comment: its GMT field, else its local field in the zone, else RSS's. */
export function wpDate(gmt: string, local: string, timeZone: string, rfc822 = ''): Date | null {
  const fromGmt = parseWpGmt(gmt);
  if (fromGmt) return fromGmt;
  const fromLocal = parseWpLocal(local, timeZone);
  if (fromLocal) return fromLocal;
  if (rfc822) {
    const ms = Date.parse(rfc822);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as WordPress writes it: `YYYY-MM-DD HH:MM:SS`, in UTC or in the zone. */
export function formatWpDate(date: Date, timeZone = 'UTC'): string {
  const ms = date.getTime() + (timeZone === 'UTC' ? 0 : zoneOffsetMs(date.getTime(), timeZone));
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
