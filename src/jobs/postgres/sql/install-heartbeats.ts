import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/**
 * Our one table inside graphile-worker's schema (the engine owns that schema, so the table goes
 * and comes with it): each running worker pool's id, as graphile writes it into `locked_by`, and
 * when the pool last beat, on the database clock. graphile's migrations never touch it.
 */
export const HEARTBEATS_TABLE = 'newsdesk_worker_heartbeats';

/**
 * Creates the heartbeat table if it is missing. The advisory lock makes two concurrent installs
 * safe (a bare `create table if not exists` can still clash on the catalogue).
 */
export async function installHeartbeats(db: Kysely<Database>, schema: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`${schema}.${HEARTBEATS_TABLE}`}))`.execute(
      trx,
    );
    await sql`create table if not exists ${sql.id(schema, HEARTBEATS_TABLE)} (
      worker_id text primary key,
      beat_at timestamptz not null
    )`.execute(trx);
  });
}
