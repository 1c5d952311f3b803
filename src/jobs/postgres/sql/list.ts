import { sql, type Kysely } from 'kysely';
import type { JobInfo, JobStatus } from '../../contract.js';
import type { Database } from '../../../store/schema.js';

interface GraphileJobRow {
  id: string;
  task: string;
  payload: unknown;
  status: JobStatus;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  key: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Reads graphile-worker's tables (their `jobs` view lacks the payload; the layout is pinned with
 * the package at ~0.17). graphile has no status column: a locked job is running, one whose
 * attempts reached max_attempts is dead, the rest are queued; done jobs are deleted.
 */
export async function listJobs(
  db: Kysely<Database>,
  schema: string,
  args: { status: JobStatus | null; limit: number },
): Promise<JobInfo[]> {
  if (args.status === 'done') return [];
  const { rows } = await sql<GraphileJobRow>`
    select * from (
      select
        j.id::text as id,
        t.identifier as task,
        j.payload,
        case
          when j.locked_at is not null then 'running'
          when j.attempts >= j.max_attempts then 'dead'
          else 'queued'
        end as status,
        j.run_at,
        j.attempts,
        j.max_attempts,
        j.last_error,
        j.key,
        j.created_at,
        j.updated_at,
        j.id as seq
      from ${sql.id(schema, '_private_jobs')} as j
      join ${sql.id(schema, '_private_tasks')} as t on t.id = j.task_id
    ) as jobs
    where ${args.status}::text is null or status = ${args.status}::text
    order by run_at, seq
    limit ${args.limit}
  `.execute(db);
  return rows.map((r) => ({
    id: r.id,
    task: r.task,
    payload: r.payload,
    status: r.status,
    runAt: r.run_at,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    dedupeKey: r.key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
