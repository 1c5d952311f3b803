import { describe, expect, it } from 'vitest';
import { parseAuditQuery } from './audit-query.js';

describe('parseAuditQuery', () => {
  it('reads a day as UTC, an until-day to its last millisecond, and a time with its zone', () => {
    const r = parseAuditQuery({ since: '2026-12-01', until: '2026-12-01' });
    expect(r.ok && r.value).toEqual({
      since: new Date('2026-12-01T00:00:00.000Z'),
      until: new Date('2026-12-01T23:59:59.999Z'),
    });
    const t = parseAuditQuery({ since: '2026-12-01T09:00+01:00' });
    expect(t.ok && t.value.since).toEqual(new Date('2026-12-01T08:00:00.000Z'));
  });

  it('refuses days that do not exist, times without a zone and reversed ranges', () => {
    for (const since of ['2026-02-30', '2026-12-01T09:00', '12/01/2026', 'x'.repeat(100)]) {
      const r = parseAuditQuery({ since });
      expect(r.ok, since).toBe(false);
      if (!r.ok) expect(r.error.fields?.since).toContain('a date such as');
    }
    const reversed = parseAuditQuery({ since: '2026-12-02', until: '2026-12-01' });
    expect(!reversed.ok && reversed.error.fields?.until).toBe('until: must not be before since');
  });

  it('takes a user id for the actor id and anything else as part of the label', () => {
    expect(parseAuditQuery({ actor: 'user:7' })).toEqual({ ok: true, value: { actorId: 7 } });
    expect(parseAuditQuery({ actor: '7' })).toEqual({ ok: true, value: { actorId: 7 } });
    expect(parseAuditQuery({ actor: 'Ines@' })).toEqual({ ok: true, value: { actor: 'Ines@' } });
    expect(parseAuditQuery({ actor: 'a\u001bb' }).ok).toBe(false);
  });

  it('takes an action or a kind, nothing with other characters', () => {
    expect(parseAuditQuery({ action: 'auth' })).toEqual({ ok: true, value: { action: 'auth' } });
    for (const action of ['Auth', 'auth%', "auth' or 1=1", 'a'.repeat(61)])
      expect(parseAuditQuery({ action }).ok, action).toBe(false);
  });
});
