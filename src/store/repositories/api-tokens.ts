import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  API_TOKEN_SCOPES,
  type ApiToken,
  type ApiTokenScope,
  type ApiTokensRepository,
} from '../../app/api-tokens/ports.js';
import type { Database } from '../schema.js';
import { fromDb, fromDbOrNull, toDb } from './time.js';
import { toAuthor } from './users.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Omit<Selectable<Database['api_tokens']>, 'token_hash'>;

const isScope = (s: string): s is ApiTokenScope =>
  (API_TOKEN_SCOPES as readonly string[]).includes(s);

function toApiToken(r: Row): ApiToken {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    scopes: r.scopes.split(',').filter(isScope),
    createdAt: fromDb(r.created_at),
    expiresAt: fromDb(r.expires_at),
    revokedAt: fromDbOrNull(r.revoked_at),
    lastUsedAt: fromDbOrNull(r.last_used_at),
  };
}

const COLUMNS = [
  'api_tokens.id',
  'api_tokens.user_id',
  'api_tokens.name',
  'api_tokens.scopes',
  'api_tokens.created_at',
  'api_tokens.expires_at',
  'api_tokens.revoked_at',
  'api_tokens.last_used_at',
] as const;

export function apiTokensRepository(db: Db) {
  return {
    async create(t) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          user_id: t.userId,
          name: t.name,
          scopes: t.scopes.join(','),
          token_hash: t.tokenHash,
          created_at: toDb(t.createdAt),
          expires_at: toDb(t.expiresAt),
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toApiToken(row);
    },
    async list(filter = {}) {
      let q = db.selectFrom('api_tokens').select(COLUMNS);
      if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
      return (await q.orderBy('id', 'desc').execute()).map(toApiToken);
    },
    async find(id: number) {
      const row = await db
        .selectFrom('api_tokens')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toApiToken(row);
    },
    async findByHash(tokenHash: string) {
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .selectAll('users')
        .select([
          'api_tokens.id as t_id',
          'api_tokens.user_id',
          'api_tokens.name as t_name',
          'api_tokens.scopes',
          'api_tokens.created_at as t_created_at',
          'api_tokens.expires_at',
          'api_tokens.revoked_at',
          'api_tokens.last_used_at',
        ])
        .where('api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const token = toApiToken({
        id: row.t_id,
        user_id: row.user_id,
        name: row.t_name,
        scopes: row.scopes,
        created_at: row.t_created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
        last_used_at: row.last_used_at,
      });
      return { token, user: toAuthor(row) };
    },
    async revoke(id: number, now: Date) {
      const r = await db
        .updateTable('api_tokens')
        .set({ revoked_at: toDb(now) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async recordUse(id: number, now: Date, unlessSince: Date) {
      const r = await db
        .updateTable('api_tokens')
        .set({ last_used_at: toDb(now) })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', toDb(unlessSince))]),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  } satisfies ApiTokensRepository;
}
