/**
 * The admin's date-time fields (`<input type="datetime-local">`) carry a wall-clock time with no
 * zone; the newsroom means the site's time zone. These convert between that and UTC, purely.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The zone's offset from UTC at `at`, in milliseconds (positive east of Greenwich). */
function offsetAt(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * `2026-12-24T09:30` in `timeZone` as a UTC instant; null when it is not such a value or names
 * no real day. A time skipped by a clock change resolves to the instant an hour later's offset
 * gives, as browsers do.
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Two passes: the offset at the first guess can differ from the one at the answer (DST).
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  return new Date(second);
}

/** The instant as `YYYY-MM-DDTHH:MM` on the wall clocks of `timeZone` (a datetime-local value). */
export function utcToZonedLocal(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetAt(at, timeZone));
  return local.toISOString().slice(0, 16);
}
