import { sql, type Kysely } from 'kysely';
import type { TaskQueueStats } from '../../contract.js';
import type { Database } from '../../../store/schema.js';

interface StatsRow {
  task: string;
  queued: string;
  running: string;
  dead: string;
  oldest_due_seconds: number | string | null;
}

/**
 * Counts per task from graphile-worker's tables, with the status rules of `list.ts` (locked:
 * running; attempts spent: dead; else queued), and the age of the oldest due queued job on the
 * database's clock.
 */
export async function queueStats(db: Kysely<Database>, schema: string): Promise<TaskQueueStats[]> {
  const { rows } = await sql<StatsRow>`
    select
      t.identifier as task,
      count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts) as queued,
      count(*) filter (where j.locked_at is not null) as running,
      count(*) filter (where j.locked_at is null and j.attempts >= j.max_attempts) as dead,
      extract(epoch from now() - min(j.run_at) filter (
        where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now()
      )) as oldest_due_seconds
    from ${sql.id(schema, '_private_jobs')} as j
    join ${sql.id(schema, '_private_tasks')} as t on t.id = j.task_id
    group by t.identifier
  `.execute(db);
  return rows.map((r) => ({
    task: r.task,
    queued: Number(r.queued),
    running: Number(r.running),
    dead: Number(r.dead),
    oldestDueSeconds: Math.max(0, Number(r.oldest_due_seconds ?? 0)),
  }));
}
