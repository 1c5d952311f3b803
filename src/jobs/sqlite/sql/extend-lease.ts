import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/** Pushes out the lease on a job this worker still holds. False if the lease was lost. */
export async function extendLease(
  db: Kysely<Database>,
  args: { id: number; workerId: string; leaseUntil: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: args.leaseUntil.toISOString() })
    .where('id', '=', args.id)
    .where('locked_by', '=', args.workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
