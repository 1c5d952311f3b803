import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { HEARTBEATS_TABLE } from './install-heartbeats.js';

/**
 * Signs a stopped worker off: deletes its heartbeat and, in the same transaction, runs graphile's
 * `force_unlock_workers` for it. The pool has finished every job by then, so a lock it still holds
 * is a leftover that would otherwise wait for graphile's 4-hour reset.
 */
export async function releaseWorker(
  db: Kysely<Database>,
  schema: string,
  workerId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const table = sql.id(schema, HEARTBEATS_TABLE);
    await sql`delete from ${table} where worker_id = ${workerId}`.execute(trx);
    const unlock = sql.id(schema, 'force_unlock_workers');
    await sql`select ${unlock}(array[${workerId}]::text[])`.execute(trx);
  });
}
