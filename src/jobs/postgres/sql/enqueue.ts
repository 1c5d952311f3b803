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
  await sql`select id from ${sql.id(schema, 'add_job')}(
    identifier => ${req.task}::text,
    payload => ${req.payloadJson}::json,
    run_at => ${req.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${req.maxAttempts}::int,
    job_key => ${req.dedupeKey}::text
  )`.execute(db);
}
