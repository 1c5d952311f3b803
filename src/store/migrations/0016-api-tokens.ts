import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/** Scoped API tokens: the token's SHA-256 only, never the token, with its scopes and expiry. */
export function apiTokensMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await idColumn(db.schema.createTable('api_tokens'), caps)
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('scopes', 'varchar(60)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(30)')
        .addColumn('last_used_at', 'varchar(30)')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
    },
  };
}
