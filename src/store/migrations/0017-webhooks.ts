import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { idColumn } from './0001-core.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Webhooks: the hooks an owner registered (a URL, the events it hears, its signing secret, and
 * how it has been failing), one row per delivery (an event for one hook, with its delivery id and
 * latest result), and one row per attempt at a delivery (status, duration, error).
 */
export function webhooksMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await idColumn(db.schema.createTable('webhooks'), caps)
        .addColumn('url', 'text', (c) => c.notNull())
        // Space-separated event names (`article.published discussion.held`).
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('secret', 'varchar(100)', (c) => c.notNull())
        .addColumn('description', 'varchar(200)', (c) => c.notNull().defaultTo(''))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('disabled_reason', 'text')
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failing_since', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('removed_at', 'varchar(30)')
        .execute();

      await idColumn(db.schema.createTable('webhook_deliveries'), caps)
        // The id the receiver sees (Newsdesk-Delivery): a UUID, the same on every attempt.
        .addColumn('delivery_id', 'varchar(36)', (c) => c.notNull().unique())
        .addColumn('hook_id', 'integer', (c) =>
          c.notNull().references('webhooks.id').onDelete('cascade'),
        )
        .addColumn('event', 'varchar(40)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        // queued | delivered | failed
        .addColumn('state', 'varchar(20)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('http_status', 'integer')
        .addColumn('duration_ms', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('next_attempt_at', 'varchar(30)')
        // Set on a redelivery: the delivery it repeats (same payload, new delivery id).
        .addColumn('redelivery_of', 'integer')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_hook')
        .on('webhook_deliveries')
        .columns(['hook_id', 'id'])
        .execute();

      await idColumn(db.schema.createTable('webhook_attempts'), caps)
        .addColumn('delivery_row', 'integer', (c) =>
          c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
        )
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_attempts_delivery')
        .on('webhook_attempts')
        .columns(['delivery_row', 'attempt'])
        .execute();
    },
  };
}
