/** What signing in and the audit log need from storage. */
import type { Author } from '../../domain/article.js';

export interface Session {
  readonly tokenHash: string;
  readonly userId: number;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export interface SessionsRepository {
  create(
    s: Session & { readonly ip: string | null; readonly userAgent: string | null },
  ): Promise<void>;
  /** The session and its user, if the session exists (expired ones included: the caller decides). */
  find(tokenHash: string): Promise<{ session: Session; user: Author } | undefined>;
  touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Every session of the user ("sign out everywhere"); returns how many there were. */
  deleteForUser(userId: number): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

export interface CredentialsRepository {
  /** The stored argon2id hash of the user with this email, if any. */
  passwordHash(email: string): Promise<{ user: Author; hash: string | null } | undefined>;
  setPasswordHash(userId: number, hash: string): Promise<void>;
  setRole(userId: number, role: Author['role']): Promise<void>;
  /** Removes the password: the account can no longer sign in (its bylines stay). */
  clearPasswordHash(userId: number): Promise<void>;
}

export interface SetupTokensRepository {
  create(tokenHash: string, now: Date, expiresAt: Date): Promise<void>;
  /** Deletes the token and says whether it existed and was still valid at `now`. */
  consume(tokenHash: string, now: Date): Promise<boolean>;
}

export interface AuditEntry {
  readonly id: number;
  readonly actorId: number | null;
  /** `user:7 (ines@…)`, `cli`, `system`, or the email a failed sign-in named. */
  readonly actor: string;
  readonly action: string;
  readonly subject: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
  readonly createdAt: Date;
}

export interface AuditFilter {
  /** An action (`auth.sign-in`), or without a dot a kind of them (`auth`: every `auth.…`). */
  readonly action?: string;
  readonly actorId?: number;
  /** A case-insensitive part of the actor's label (an email, `cli`, `system`). */
  readonly actor?: string;
  /** Entries at or after, and at or before, these times. */
  readonly since?: Date;
  readonly until?: Date;
  readonly limit?: number;
  /** Entries with an id below this one (the next page). */
  readonly before?: number;
}

export interface AuditRepository {
  record(entry: Omit<AuditEntry, 'id' | 'createdAt'>, now: Date): Promise<void>;
  list(filter: AuditFilter): Promise<AuditEntry[]>;
  /** Every action name the log holds, sorted (the admin's filter offers them). */
  actions(): Promise<string[]>;
  /** Entries of `action` since `since` for this subject, or from this address. */
  countSince(
    action: string,
    since: Date,
    by: { readonly subject?: string; readonly ip?: string },
  ): Promise<number>;
}
