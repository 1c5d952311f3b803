import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Signing in: sessions (the token's hash, never the token), the one-time setup link that creates
 * the owner, and the audit log. The old `admin` role becomes `owner`.
 */
export function adminAuthMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await sql`update users set role = 'owner' where role = 'admin'`.execute(db);

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('ip', 'varchar(64)')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('setup_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('audit_log'), caps)
        .addColumn('actor_id', 'integer')
        .addColumn('actor', 'varchar(200)', (c) => c.notNull())
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('subject', 'varchar(200)')
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('ip', 'varchar(64)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_created')
        .on('audit_log')
        .columns(['created_at', 'id'])
        .execute();
      // Failed sign-ins are counted per account and per address (login throttling).
      await db.schema
        .createIndex('audit_log_action_subject')
        .on('audit_log')
        .columns(['action', 'subject', 'created_at'])
        .execute();
      await db.schema
        .createIndex('audit_log_action_ip')
        .on('audit_log')
        .columns(['action', 'ip', 'created_at'])
        .execute();
    },
  };
}
