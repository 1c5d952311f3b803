import type { Selectable } from 'kysely';
import type { JobInfo, JobStatus } from '../contract.js';
import type { Database } from '../../store/schema.js';

export type JobRow = Selectable<Database['jobs']>;

const STATUSES: ReadonlySet<string> = new Set<JobStatus>(['queued', 'running', 'done', 'dead']);

function toStatus(value: string): JobStatus {
  if (!STATUSES.has(value)) throw new Error(`jobs row has unknown status ${value}`);
  return value as JobStatus;
}

/** The stored payload is our own JSON; a row that fails to parse is reported, not thrown. */
function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toJobInfo(row: JobRow): JobInfo {
  return {
    id: String(row.id),
    task: row.task,
    payload: parsePayload(row.payload),
    status: toStatus(row.status),
    runAt: new Date(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Our ids are SQLite integers; anything else names no job. */
export function parseJobId(id: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null;
}
