import { Logger as GraphileLogger, type LogFunctionFactory } from 'graphile-worker';
import type { Logger } from '../../app/ports.js';

/** Routes graphile-worker's log lines (levels error, warning, info, debug) to our logger. */
export function toGraphileLogger(logger: Logger): GraphileLogger {
  const factory: LogFunctionFactory = (scope) => {
    const scoped = logger.child({ ...scope });
    return (level, message, meta) => {
      const fields = { ...meta };
      const retry = attemptFailure(meta);
      if (retry) {
        // A failed attempt is an expected outcome (a source that is down, a slow host): one short
        // line, info while attempts remain, warn for the last one; never a stack per attempt.
        const { job, error } = retry;
        const line = {
          jobId: job.id,
          task: job.task_identifier,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
          error: error instanceof Error ? error.message : String(error),
        };
        return job.attempts < job.max_attempts
          ? scoped.info(line, 'job attempt failed; will retry')
          : scoped.warn(line, 'job failed on its last attempt');
      }
      switch (String(level)) {
        case 'error':
          return scoped.error(fields, message);
        case 'warning':
          return scoped.warn(fields, message);
        case 'info':
          return scoped.info(fields, message);
        default:
          return scoped.debug(fields, message);
      }
    };
  };
  return new GraphileLogger(factory);
}

interface AttemptFailure {
  readonly job: {
    readonly id: string;
    readonly task_identifier: string;
    readonly attempts: number;
    readonly max_attempts: number;
  };
  readonly error: unknown;
}

/** graphile-worker tags a failed attempt's log line with `{ failure: true, job, error }`. */
export function attemptFailure(meta: unknown): AttemptFailure | null {
  if (typeof meta !== 'object' || meta === null) return null;
  const m = meta as { failure?: unknown; job?: Partial<AttemptFailure['job']>; error?: unknown };
  const job = m.job;
  if (m.failure !== true || !job || typeof job.attempts !== 'number') return null;
  if (typeof job.max_attempts !== 'number') return null;
  return {
    job: {
      id: String(job.id),
      task_identifier: String(job.task_identifier),
      attempts: job.attempts,
      max_attempts: job.max_attempts,
    },
    error: m.error,
  };
}
