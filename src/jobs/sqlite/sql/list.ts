import type { Kysely } from 'kysely';
import type { JobStatus } from '../../contract.js';
import type { Database } from '../../../store/schema.js';
import type { JobRow } from '../row.js';

export async function listJobs(
  db: Kysely<Database>,
  args: { status: JobStatus | null; limit: number },
): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('run_at').orderBy('id').limit(args.limit);
  if (args.status !== null) query = query.where('status', '=', args.status);
  return query.execute();
}
