import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/**
 * Deletes up to `limit` finished jobs: done ones last updated (finished) before `doneBefore`, dead
 * ones before `deadBefore`. Returns how many went; the caller repeats while a batch comes back
 * full, so each statement holds SQLite's write lock only briefly.
 */
export async function pruneJobs(
  db: Kysely<Database>,
  args: { doneBefore: Date; deadBefore: Date; limit: number },
): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'done'), w('updated_at', '<', args.doneBefore.toISOString())]),
            w.and([w('status', '=', 'dead'), w('updated_at', '<', args.deadBefore.toISOString())]),
          ]),
        )
        .limit(args.limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
