/**
 * Background jobs as the admin sees them: the queue listed and a dead job run again. The CLI's
 * `newsdesk jobs` reads the same queue; a retry from the admin API lands in the audit log.
 */
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import type { AppDeps } from '../deps.js';

export type JobState = 'queued' | 'running' | 'done' | 'dead';

/** A job as the admin sees it (the queue's rows carry more, such as the payload). */
export interface JobEntry {
  readonly id: string;
  readonly task: string;
  readonly status: JobState;
  readonly runAt: Date;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface JobFilter {
  readonly status?: JobState;
  readonly limit?: number;
}

/** What the job queue (src/jobs) offers the admin: listing, and running a job again. */
export interface JobsPort {
  list(filter?: JobFilter): Promise<JobEntry[]>;
  retry(id: string): Promise<boolean>;
}

export function listJobs(queue: JobsPort, filter: JobFilter): Promise<JobEntry[]> {
  return queue.list({ ...filter, limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000) });
}

/** Runs a dead or waiting job now with its attempts reset; audited. */
export async function retryJob(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  queue: JobsPort,
  id: string,
  actor: Pick<Author, 'id' | 'email'>,
  ip: string | null = null,
): Promise<Result<{ id: string }, Failure>> {
  if (!(await queue.retry(id))) {
    return err(
      failure('conflict', `job ${id} cannot be retried: it does not exist, runs, or is done`),
    );
  }
  await deps.uow.run(async ({ repos }) => {
    await audit(repos.audit, deps.clock(), {
      actor,
      action: 'job.retry',
      subject: `job:${id}`,
      detail: {},
      ip,
    });
    return ok(undefined);
  });
  return ok({ id });
}
