import type { Kysely, Selectable } from 'kysely';
import type { OutboxMessage, OutboxRepository } from '../../app/notifications/ports.js';
import type { Database } from '../schema.js';
import { fromDb, fromDbOrNull, toDb } from './time.js';

type OutboxRow = Selectable<Database['outbox']>;

const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  status: r.status === 'sent' ? 'sent' : 'queued',
  createdAt: fromDb(r.created_at),
  sentAt: fromDbOrNull(r.sent_at),
  lastError: r.last_error,
});

/** Mail waiting to be sent; written in the transaction of the change it reports. */
export function outboxRepository(db: Kysely<Database>) {
  return {
    async insert(
      msg: { recipient: string; subject: string; body: string },
      now: Date,
    ): Promise<OutboxMessage> {
      const row = await db
        .insertInto('outbox')
        .values({
          ...msg,
          status: 'queued',
          created_at: toDb(now),
          sent_at: null,
          last_error: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMessage(row);
    },
    async findById(id: number): Promise<OutboxMessage | undefined> {
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toMessage(row);
    },
    async markSent(id: number, now: Date): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: toDb(now), last_error: null })
        .where('id', '=', id)
        .execute();
    },
    async recordError(id: number, error: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ last_error: error.slice(0, 2000) })
        .where('id', '=', id)
        .execute();
    },
    async list(limit = 100): Promise<OutboxMessage[]> {
      const rows = await db.selectFrom('outbox').selectAll().orderBy('id').limit(limit).execute();
      return rows.map(toMessage);
    },
  } satisfies OutboxRepository;
}
