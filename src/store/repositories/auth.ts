import type { Kysely, Transaction } from 'kysely';
import type {
  AuditEntry,
  AuditFilter,
  AuditRepository,
  CredentialsRepository,
  Session,
  SessionsRepository,
  SetupTokensRepository,
} from '../../app/auth/ports.js';
import type { Author } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { likeText } from './like.js';
import { fromDb, toDb } from './time.js';
import { toAuthor } from './users.js';

type Db = Kysely<Database> | Transaction<Database>;

export function sessionsRepository(db: Db) {
  return {
    async create(s) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: s.tokenHash,
          user_id: s.userId,
          created_at: toDb(s.createdAt),
          last_seen_at: toDb(s.lastSeenAt),
          expires_at: toDb(s.expiresAt),
          ip: s.ip,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async find(tokenHash: string) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select([
          'sessions.token_hash',
          'sessions.user_id',
          'sessions.created_at as s_created_at',
          'sessions.last_seen_at',
          'sessions.expires_at',
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const session: Session = {
        tokenHash: row.token_hash,
        userId: row.user_id,
        createdAt: fromDb(row.s_created_at),
        lastSeenAt: fromDb(row.last_seen_at),
        expiresAt: fromDb(row.expires_at),
      };
      return { session, user: toAuthor(row) };
    },
    async touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: toDb(lastSeenAt), expires_at: toDb(expiresAt) })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async delete(tokenHash: string) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteForUser(userId: number) {
      const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteExpired(now: Date) {
      const r = await db
        .deleteFrom('sessions')
        .where('expires_at', '<', toDb(now))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  } satisfies SessionsRepository;
}

export function credentialsRepository(db: Db) {
  return {
    async passwordHash(email: string) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row && { user: toAuthor(row), hash: row.password_hash };
    },
    async setPasswordHash(userId: number, hash: string) {
      await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    },
    async setRole(userId: number, role: Author['role']) {
      await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
    },
    async clearPasswordHash(userId: number) {
      await db.updateTable('users').set({ password_hash: null }).where('id', '=', userId).execute();
    },
  } satisfies CredentialsRepository;
}

export function setupTokensRepository(db: Db) {
  return {
    async create(tokenHash: string, now: Date, expiresAt: Date) {
      await db
        .insertInto('setup_tokens')
        .values({ token_hash: tokenHash, created_at: toDb(now), expires_at: toDb(expiresAt) })
        .execute();
    },
    async consume(tokenHash: string, now: Date) {
      const row = await db
        .deleteFrom('setup_tokens')
        .where('token_hash', '=', tokenHash)
        .returning('expires_at')
        .executeTakeFirst();
      return row !== undefined && row.expires_at > toDb(now);
    },
  } satisfies SetupTokensRepository;
}

export function auditRepository(db: Db) {
  return {
    async record(e, now) {
      await db
        .insertInto('audit_log')
        .values({
          actor_id: e.actorId,
          actor: e.actor.slice(0, 200),
          action: e.action,
          subject: e.subject === null ? null : e.subject.slice(0, 200),
          detail: JSON.stringify(e.detail),
          ip: e.ip,
          created_at: toDb(now),
        })
        .execute();
    },
    async list(f: AuditFilter): Promise<AuditEntry[]> {
      let q = db.selectFrom('audit_log').selectAll();
      const action = f.action;
      if (action && action.includes('.')) q = q.where('action', '=', action);
      else if (action) {
        q = q.where((eb) =>
          eb.or([eb('action', '=', action), likeText('action', `${action}.`, 'prefix')]),
        );
      }
      if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
      if (f.actor) {
        q = q.where(likeText('actor', f.actor, 'contains'));
      }
      if (f.since) q = q.where('created_at', '>=', toDb(f.since));
      if (f.until) q = q.where('created_at', '<=', toDb(f.until));
      if (f.before !== undefined) q = q.where('id', '<', f.before);
      const rows = await q
        .orderBy('id', 'desc')
        .limit(Math.min(Math.max(f.limit ?? 100, 1), 10_000))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        actorId: r.actor_id,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        ip: r.ip,
        createdAt: fromDb(r.created_at),
      }));
    },
    async actions(): Promise<string[]> {
      const rows = await db
        .selectFrom('audit_log')
        .select('action')
        .distinct()
        .orderBy('action')
        .execute();
      return rows.map((r) => r.action);
    },
    async countSince(action: string, since: Date, by: { subject?: string; ip?: string }) {
      let q = db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('action', '=', action)
        .where('created_at', '>=', toDb(since));
      if (by.subject !== undefined) q = q.where('subject', '=', by.subject);
      if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
      const r = await q.executeTakeFirstOrThrow();
      return Number(r.n);
    },
  } satisfies AuditRepository;
}
