import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { HEARTBEATS_TABLE } from './install-heartbeats.js';

export interface ReclaimedLocks {
  /** Worker (pool) ids whose heartbeat had gone stale; their rows are gone. */
  readonly workerIds: string[];
  /** Jobs they held, now unlocked: due again, or dead if that run was their last attempt. */
  readonly jobIds: string[];
}

/**
 * Releases what workers that stopped beating held, in one statement: deletes heartbeat rows older
 * than `staleAfterMs` (never `self`'s) and unlocks their jobs and job queues, as graphile's
 * `force_unlock_workers` does, also recording why in `last_error` (as the SQLite engine does).
 * One statement is one transaction: when two live workers race, the second waits on the first's
 * row locks, then finds the rows deleted and unlocks nothing.
 */
export async function reclaimStaleWorkers(
  db: Kysely<Database>,
  schema: string,
  args: { self: string | null; staleAfterMs: number },
): Promise<ReclaimedLocks> {
  const { rows } = await sql<{ worker_ids: string[]; job_ids: string[] }>`
    with stale as (
      delete from ${sql.id(schema, HEARTBEATS_TABLE)}
      where beat_at < now() - make_interval(secs => ${args.staleAfterMs / 1000}::double precision)
        and worker_id is distinct from ${args.self}::text
      returning worker_id
    ), jobs as (
      update ${sql.id(schema, '_private_jobs')}
      set locked_at = null, locked_by = null,
        last_error = 'heartbeat expired: worker ' || locked_by || ' stopped without finishing'
      where locked_by in (select worker_id from stale)
      returning id
    ), queues as (
      update ${sql.id(schema, '_private_job_queues')}
      set locked_at = null, locked_by = null
      where locked_by in (select worker_id from stale)
    )
    select
      array(select worker_id from stale order by worker_id) as worker_ids,
      array(select id::text from jobs order by id) as job_ids
  `.execute(db);
  const row = rows[0];
  return { workerIds: row?.worker_ids ?? [], jobIds: row?.job_ids ?? [] };
}
