import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/**
 * graphile-worker's `reschedule_jobs`: due now, attempts reset; it leaves locked (running) jobs
 * alone. Done jobs no longer exist.
 */
export async function retryJob(db: Kysely<Database>, schema: string, id: string): Promise<boolean> {
  if (!/^[1-9][0-9]{0,18}$/.test(id)) return false;
  const { rows } = await sql<{ id: string }>`
    select id::text from ${sql.id(schema, 'reschedule_jobs')}(
      array[${id}::bigint], run_at => now(), attempts => 0
    )
  `.execute(db);
  return rows.length > 0;
}
