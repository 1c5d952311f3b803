import { describe, expect, it } from 'vitest';
import { utcToZonedLocal, zonedLocalToUtc } from './zoned-time.js';

describe('zoned wall-clock times', () => {
  it('reads a London winter and summer time as the right UTC instant', () => {
    expect(zonedLocalToUtc('2026-12-24T09:30', 'Europe/London')?.toISOString()).toBe(
      '2026-12-24T09:30:00.000Z',
    );
    expect(zonedLocalToUtc('2026-07-01T09:30', 'Europe/London')?.toISOString()).toBe(
      '2026-07-01T08:30:00.000Z',
    );
    expect(zonedLocalToUtc('2026-07-01T09:30', 'America/New_York')?.toISOString()).toBe(
      '2026-07-01T13:30:00.000Z',
    );
  });

  it('writes an instant back as the same wall-clock value', () => {
    for (const local of ['2026-03-29T03:15', '2026-10-25T00:45', '2027-01-01T00:00']) {
      const at = zonedLocalToUtc(local, 'Europe/Berlin');
      expect(at && utcToZonedLocal(at, 'Europe/Berlin')).toBe(local);
    }
  });

  it('refuses what is not a date-time or names no real day', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30T10:00', '2026-12-24T25:00', '2026-12-24 09:30x'])
      expect(zonedLocalToUtc(bad, 'Europe/London'), bad).toBeNull();
  });
});
