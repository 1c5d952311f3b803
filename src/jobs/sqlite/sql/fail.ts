import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/**
 * Records a failed run of a job this worker holds, in one statement: the error text, and either
 * the retry time or, once the attempts are used up, status dead. The database decides which,
 * because a dedupe replacement may have lowered max_attempts while the job ran.
 * False if the lease was lost.
 */
export async function failJob(
  db: Kysely<Database>,
  args: { id: number; workerId: string; now: Date; retryAt: Date; error: string },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: sql<string>`case when attempts >= max_attempts then 'dead' else 'queued' end`,
      run_at: sql<string>`case when attempts >= max_attempts then run_at else ${args.retryAt.toISOString()} end`,
      last_error: args.error,
      locked_by: null,
      locked_until: null,
      updated_at: args.now.toISOString(),
    })
    .where('id', '=', args.id)
    .where('locked_by', '=', args.workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
