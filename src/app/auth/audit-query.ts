/**
 * The audit log's filters as people type them (the admin's form, `newsdesk audit` flags), read
 * once here so both refuse the same input with the same sentence.
 */
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AuditFilter } from './ports.js';

export const AUDIT_PAGE = 50;

export interface RawAuditQuery {
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly before?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A day (`2026-12-01`, in UTC) or an instant with a zone. `end`: a day then means up to its end,
 * so `--since D --until D` is that whole day.
 */
function instant(value: string, end: boolean): Date | null {
  if (DAY.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return null;
    return end ? new Date(d.getTime() + 24 * 60 * 60 * 1000 - 1) : d;
  }
  if (!INSTANT.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The filter, or a sentence per wrong field (the page shows the form again with them). */
export function parseAuditQuery(raw: RawAuditQuery): Result<Omit<AuditFilter, 'limit'>, Failure> {
  const fields: Record<string, string> = {};
  const v = (name: keyof RawAuditQuery) => (raw[name] ?? '').trim();
  const dates: { since?: Date; until?: Date } = {};
  for (const name of ['since', 'until'] as const) {
    const text = v(name);
    if (text === '') continue;
    const d = text.length <= 40 ? instant(text, name === 'until') : null;
    if (d) dates[name] = d;
    else fields[name] = `${name}: a date such as 2026-12-01, or a time such as 2026-12-01T09:00Z`;
  }
  if (dates.since && dates.until && dates.since > dates.until) {
    fields.until = 'until: must not be before since';
  }
  const actor = v('actor');
  if (actor.length > 200) fields.actor = 'actor: at most 200 characters';
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  else if (/[\u0000-\u001f\u007f]/.test(actor))
    fields.actor = 'actor: control characters are not allowed';
  const action = v('action');
  if (action !== '' && !/^[a-z][a-z.-]{0,59}$/.test(action)) {
    fields.action = 'action: a name such as auth.sign-in, or a kind such as auth';
  }
  const before = v('before');
  if (before !== '' && !/^[1-9][0-9]{0,14}$/.test(before)) {
    fields.before = 'before: an entry id';
  }
  if (Object.keys(fields).length > 0) {
    return err(
      failure(
        'invalid_input',
        `The filters could not be used: ${Object.values(fields).join('; ')}.`,
        {
          fields,
        },
      ),
    );
  }
  return ok({
    ...dates,
    ...(/^(user:)?[1-9][0-9]{0,11}$/.test(actor)
      ? { actorId: Number(actor.replace('user:', '')) }
      : actor
        ? { actor }
        : {}),
    ...(action ? { action } : {}),
    ...(before ? { before: Number(before) } : {}),
  });
}
