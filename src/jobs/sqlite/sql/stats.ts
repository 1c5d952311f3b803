import type { Kysely } from 'kysely';
import type { TaskQueueStats } from '../../contract.js';
import type { Database } from '../../../store/schema.js';

/** Counts per task and status (done rows are left out), and the oldest due run_at. */
export async function queueStats(db: Kysely<Database>, now: Date): Promise<TaskQueueStats[]> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => [
      'task',
      'status',
      eb.fn.countAll<number | bigint>().as('n'),
      eb.fn.min('run_at').as('oldest'),
    ])
    .where('status', 'in', ['queued', 'running', 'dead'])
    .groupBy(['task', 'status'])
    .execute();
  const byTask = new Map<
    string,
    { queued: number; running: number; dead: number; oldest: number }
  >();
  for (const row of rows) {
    const entry = byTask.get(row.task) ?? { queued: 0, running: 0, dead: 0, oldest: 0 };
    const n = Number(row.n);
    if (row.status === 'queued') {
      entry.queued = n;
      // run_at is an ISO timestamp, so the smallest string is the earliest time.
      const due = now.getTime() - Date.parse(String(row.oldest));
      entry.oldest = Number.isFinite(due) ? Math.max(0, due / 1000) : 0;
    } else if (row.status === 'running') entry.running = n;
    else entry.dead = n;
    byTask.set(row.task, entry);
  }
  return [...byTask].map(([task, e]) => ({
    task,
    queued: e.queued,
    running: e.running,
    dead: e.dead,
    oldestDueSeconds: e.oldest,
  }));
}
