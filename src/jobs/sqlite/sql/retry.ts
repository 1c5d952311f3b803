import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/**
 * Makes a dead or waiting job due now with its attempts reset (the last error stays, as history).
 * A dead job whose dedupe key a newer waiting job has taken is left dead: the newer job carries
 * the newer state, and the unique index allows only one.
 */
export async function retryJob(
  db: Kysely<Database>,
  args: { id: number; now: Date },
): Promise<boolean> {
  const nowIso = args.now.toISOString();
  const result = await db
    .updateTable('jobs as j')
    .set({ status: 'queued', attempts: 0, run_at: nowIso, updated_at: nowIso })
    .where('j.id', '=', args.id)
    .where('j.status', 'in', ['dead', 'queued'])
    .where((eb) =>
      eb.or([
        eb('j.dedupe_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs as other')
              .select('other.id')
              .whereRef('other.dedupe_key', '=', 'j.dedupe_key')
              .where('other.status', 'in', ['queued', 'running'])
              .whereRef('other.id', '<>', 'j.id'),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
