import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/**
 * Releases jobs whose worker stopped renewing its lease (crashed or was killed): back to queued,
 * or dead if that run was the last attempt (the claim already counted it). Returns their ids.
 */
export async function reclaimExpired(db: Kysely<Database>, now: Date): Promise<number[]> {
  const nowIso = now.toISOString();
  const rows = await db
    .updateTable('jobs')
    .set({
      status: sql<string>`case when attempts >= max_attempts then 'dead' else 'queued' end`,
      last_error: sql<string>`'lease expired: worker ' || coalesce(locked_by, '?') || ' stopped without finishing'`,
      locked_by: null,
      locked_until: null,
      updated_at: nowIso,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', nowIso)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
