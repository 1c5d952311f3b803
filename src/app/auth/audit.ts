import type { Author } from '../../domain/article.js';
import type { AppDeps } from '../deps.js';
import type { AuditEntry, AuditFilter, AuditRepository } from './ports.js';

/** How an entry names a signed-in user. */
export const actorLabel = (u: Pick<Author, 'id' | 'email'>): string => `user:${u.id} (${u.email})`;

/** Appends one entry to the audit log (inside the caller's transaction when given one). */
export function audit(
  repo: AuditRepository,
  now: Date,
  entry: {
    readonly actor: Pick<Author, 'id' | 'email'> | string;
    readonly action: string;
    readonly subject?: string | null;
    readonly detail?: Record<string, unknown>;
    readonly ip?: string | null;
  },
): Promise<void> {
  const who = entry.actor;
  return repo.record(
    {
      actorId: typeof who === 'string' ? null : who.id,
      actor: typeof who === 'string' ? who : actorLabel(who),
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail ?? {},
      ip: entry.ip ?? null,
    },
    now,
  );
}

/** The audit log, newest first, for the admin and `newsdesk audit`. */
export function listAudit(
  deps: Pick<AppDeps, 'repos'>,
  filter: AuditFilter,
): Promise<AuditEntry[]> {
  return deps.repos.audit.list(filter);
}
