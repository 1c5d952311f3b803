import type { EnqueueRequest } from './contract.js';

export const DEFAULT_MAX_ATTEMPTS = 10;
/** graphile-worker stores max_attempts as smallint. */
const MAX_ATTEMPTS_LIMIT = 32767;
const MAX_KEY_LENGTH = 300;

/** An enqueue request checked and reduced to what both engines store. */
export interface NormalizedRequest {
  readonly task: string;
  readonly payloadJson: string;
  readonly runAt: Date | null;
  readonly dedupeKey: string | null;
  readonly maxAttempts: number;
  readonly yieldToJobsAfter: string | null;
}

/**
 * Enqueue requests come from our own code, so a malformed one is a programming error: it throws
 * a TypeError at the call site instead of writing a job no handler could run.
 */
export function normalizeRequest(req: EnqueueRequest): NormalizedRequest {
  if (typeof req.task !== 'string' || req.task.length === 0 || req.task.length > 100) {
    throw new TypeError('job task must be a non-empty string of at most 100 characters');
  }
  const payload: unknown = req.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    // graphile-worker concatenates array payloads when a job key is replaced; objects only.
    throw new TypeError(`job payload for ${req.task} must be a JSON object`);
  }
  const maxAttempts = req.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new TypeError(`job maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}`);
  }
  if (req.runAt !== undefined && Number.isNaN(req.runAt.getTime())) {
    throw new TypeError('job runAt is an invalid date');
  }
  if (req.yieldToJobsAfter !== undefined && !/^\d{1,19}$/.test(req.yieldToJobsAfter)) {
    throw new TypeError('job yieldToJobsAfter must be a job id');
  }
  const key = req.dedupeKey;
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    throw new TypeError(`job dedupeKey must have 1 to ${MAX_KEY_LENGTH} characters`);
  }
  return {
    task: req.task,
    payloadJson: JSON.stringify(payload),
    runAt: req.runAt ?? null,
    dedupeKey: key ?? null,
    maxAttempts,
    yieldToJobsAfter: key !== undefined ? (req.yieldToJobsAfter ?? null) : null,
  };
}
