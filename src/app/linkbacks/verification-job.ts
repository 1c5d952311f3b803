/**
 * The verification job as it is queued: its task name, payload and attempts. What a worker does
 * with it is `run-verification-job.ts`; the check itself is `verify-linkback.ts`; when it runs
 * again is `verify-schedule.ts`.
 *
 * The job schedules its own next run (a continuation under the same dedupe key) rather than
 * throwing for the queue's backoff: the payload carries the genuine attempts used and the
 * deferrals by our own limits, so that a refusal by the outbound budget spends no attempt. The
 * queue's own retries (`QUEUE_MAX_ATTEMPTS`) are left for faults of ours, such as a database
 * that is away.
 */
import { z } from 'zod';
import type { JobRequest } from '../ports.js';
import { DEFAULT_VERIFY_SCHEDULE, maxAttempts } from './verify-schedule.js';

export const VERIFY_LINKBACK_TASK = 'verify-linkback';

/** Genuine attempts (with the default schedule) before a new linkback is rejected for good. */
export const VERIFY_MAX_ATTEMPTS = maxAttempts(DEFAULT_VERIFY_SCHEDULE);

/** Runs the queue gives one job whose handler throws (a fault of ours, not of the source). */
const QUEUE_MAX_ATTEMPTS = 10;

/**
 * `always`: fetch and apply (Webmention, TrackBack, any update). `if-pending`: only when no
 * verification has settled the row yet — the safety net queued behind a synchronous Pingback.
 * `recheck`: the periodic re-read of an established (or hidden) mention's source.
 */
export type VerifyMode = 'always' | 'if-pending' | 'recheck';

export const verifyPayload = z.object({
  itemId: z.number().int().positive(),
  mode: z.enum(['always', 'if-pending', 'recheck']),
  /** Genuine attempts already used by the jobs before this one (absent: none). */
  attemptsUsed: z.number().int().min(0).optional(),
  /** Refusals by our own limits in a row since the last genuine attempt. */
  deferrals: z.number().int().min(0).optional(),
});
export type VerifyPayload = z.infer<typeof verifyPayload>;

export interface VerifyProgress {
  readonly attemptsUsed: number;
  readonly deferrals: number;
}

export function verificationJob(
  itemId: number,
  mode: VerifyMode,
  now: Date,
  delayMs = 0,
  progress: VerifyProgress = { attemptsUsed: 0, deferrals: 0 },
): JobRequest {
  return {
    task: VERIFY_LINKBACK_TASK,
    payload: {
      itemId,
      mode,
      ...(progress.attemptsUsed > 0 ? { attemptsUsed: progress.attemptsUsed } : {}),
      ...(progress.deferrals > 0 ? { deferrals: progress.deferrals } : {}),
    },
    // One waiting verification per item: repeats collapse into it (the queue's replace mode),
    // and a running job's continuation takes the key over from it.
    dedupeKey: `${VERIFY_LINKBACK_TASK}:${itemId}`,
    maxAttempts: QUEUE_MAX_ATTEMPTS,
    ...(delayMs > 0 ? { runAt: new Date(now.getTime() + delayMs) } : {}),
  };
}
