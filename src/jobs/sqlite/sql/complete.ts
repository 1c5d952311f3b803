import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/** Marks a job this worker holds as done. False if the lease was lost (someone reclaimed it). */
export async function completeJob(
  db: Kysely<Database>,
  args: { id: number; workerId: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'done',
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
