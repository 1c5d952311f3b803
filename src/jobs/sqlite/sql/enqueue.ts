import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { NormalizedRequest } from '../../validate-request.js';

/**
 * Inserts a job, or replaces the waiting job with the same dedupe key (graphile-worker's
 * `add_job` "replace" mode, so both engines dedupe alike). A running job with the key first gives
 * the key up, and with it its retries, because it acts on state older than this request.
 * Two statements: the caller runs them inside a transaction.
 */
export async function enqueueJob(
  db: Kysely<Database>,
  req: NormalizedRequest,
  now: Date,
): Promise<void> {
  const nowIso = now.toISOString();
  if (req.yieldToJobsAfter !== null && req.dedupeKey !== null) {
    const waiting = await db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', req.dedupeKey)
      .where('status', '=', 'queued')
      .where('id', '>', Number(req.yieldToJobsAfter))
      .executeTakeFirst();
    if (waiting) return;
  }
  if (req.dedupeKey !== null) {
    await db
      .updateTable('jobs')
      .set((eb) => ({ dedupe_key: null, max_attempts: eb.ref('attempts'), updated_at: nowIso }))
      .where('dedupe_key', '=', req.dedupeKey)
      .where('status', '=', 'running')
      .execute();
  }
  await db
    .insertInto('jobs')
    .values({
      task: req.task,
      payload: req.payloadJson,
      status: 'queued',
      run_at: (req.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: req.maxAttempts,
      dedupe_key: req.dedupeKey,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) =>
      oc
        .column('dedupe_key')
        // Must repeat the partial index's predicate (migration 0002) to name it as the target.
        .where(sql.raw<boolean>("status in ('queued', 'running')"))
        .doUpdateSet((eb) => ({
          task: eb.ref('excluded.task'),
          payload: eb.ref('excluded.payload'),
          run_at: eb.ref('excluded.run_at'),
          max_attempts: eb.ref('excluded.max_attempts'),
          attempts: 0,
          last_error: null,
          updated_at: eb.ref('excluded.updated_at'),
        })),
    )
    .execute();
}
