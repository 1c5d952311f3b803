/**
 * The verification job as it is queued: its task name, payload and attempts. What a worker does
 * with it is `run-verification-job.ts`; the check itself is `verify-linkback.ts`.
 */
import { z } from 'zod';
import type { JobRequest } from '../ports.js';

export const VERIFY_LINKBACK_TASK = 'verify-linkback';

/** Runs of one verification job before a new linkback is rejected for good. */
export const VERIFY_MAX_ATTEMPTS = 5;

/**
 * `always`: fetch and apply (Webmention, TrackBack, any update). `if-pending`: only when no
 * verification has settled the row yet — the safety net queued behind a synchronous Pingback.
 */
export type VerifyMode = 'always' | 'if-pending';

export const verifyPayload = z.object({
  itemId: z.number().int().positive(),
  mode: z.enum(['always', 'if-pending']),
});
export type VerifyPayload = z.infer<typeof verifyPayload>;

export function verificationJob(
  itemId: number,
  mode: VerifyMode,
  now: Date,
  delayMs = 0,
): JobRequest {
  return {
    task: VERIFY_LINKBACK_TASK,
    payload: { itemId, mode },
    // One waiting verification per item: repeats collapse into it (the queue's replace mode).
    dedupeKey: `${VERIFY_LINKBACK_TASK}:${itemId}`,
    maxAttempts: VERIFY_MAX_ATTEMPTS,
    ...(delayMs > 0 ? { runAt: new Date(now.getTime() + delayMs) } : {}),
  };
}
