import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { HEARTBEATS_TABLE } from './install-heartbeats.js';

/**
 * Stamps `workerId`'s heartbeat with the database's now(). True when the row had to be created:
 * the first beat, or a later one after another worker judged this one stale and released its
 * jobs (which may then run twice).
 */
export async function recordHeartbeat(
  db: Kysely<Database>,
  schema: string,
  workerId: string,
): Promise<boolean> {
  const { rows } = await sql<{ inserted: boolean }>`
    insert into ${sql.id(schema, HEARTBEATS_TABLE)} as h (worker_id, beat_at)
    values (${workerId}, now())
    on conflict (worker_id) do update set beat_at = excluded.beat_at
    returning (h.xmax = 0) as inserted
  `.execute(db);
  return rows[0]?.inserted ?? true;
}
