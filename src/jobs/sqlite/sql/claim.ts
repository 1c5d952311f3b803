import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { JobRow } from '../row.js';

/**
 * Takes the next due job of one of `tasks` for `workerId` until `leaseUntil`, counting the run as
 * an attempt. One UPDATE … RETURNING: SQLite takes the write lock when the statement starts, so
 * two processes on one file (WAL, busy timeout) never both see the same job as queued.
 */
export async function claimJob(
  db: Kysely<Database>,
  args: { workerId: string; tasks: readonly string[]; now: Date; leaseUntil: Date },
): Promise<JobRow | null> {
  if (args.tasks.length === 0) return null;
  const nowIso = args.now.toISOString();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: args.workerId,
      locked_until: args.leaseUntil.toISOString(),
      updated_at: nowIso,
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', nowIso)
        .where('task', 'in', args.tasks)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1),
    )
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}
