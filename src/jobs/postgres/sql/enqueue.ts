import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { NormalizedRequest } from '../../validate-request.js';

/**
 * graphile-worker's own `add_job`, run on our connection so it joins the caller's transaction;
 * its NOTIFY is delivered at commit, so workers wake when the job becomes visible. `job_key` in
 * the default "replace" mode gives the dedupe semantics of the contract. Without runAt the job is
 * due at the database's now().
 */
export async function enqueueJob(
  db: Kysely<Database>,
  schema: string,
  req: NormalizedRequest,
): Promise<void> {
  if (req.yieldToJobsAfter !== null && req.dedupeKey !== null) {
    const { rows } = await sql<{ id: string }>`select id from ${sql.id(schema, '_private_jobs')}
      where key = ${req.dedupeKey} and locked_at is null
        and id > ${req.yieldToJobsAfter}::bigint limit 1`.execute(db);
    if (rows.length > 0) return;
  }
  await sql`select id from ${sql.id(schema, 'add_job')}(
    identifier => ${req.task}::text,
    payload => ${req.payloadJson}::json,
    run_at => ${req.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${req.maxAttempts}::int,
    job_key => ${req.dedupeKey}::text
  )`.execute(db);
}
