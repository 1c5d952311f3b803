/**
 * Delay before retry number `attempt + 1`, after `attempt` failed runs: capped exponential.
 * The default is graphile-worker's own schedule (`exp(least(attempts, 10))` seconds, see its
 * `src/sql/failJobs.ts`), so both engines retry on the same timetable: 2.7 s, 7.4 s, 20 s, 55 s,
 * 2.5 min, 6.7 min, 18 min, 50 min, 2.3 h, then 6.1 h for every later attempt.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly factor: number;
  /** The exponent stops growing here. */
  readonly maxExponent: number;
}

export const GRAPHILE_BACKOFF: BackoffPolicy = Object.freeze({
  baseMs: 1000,
  factor: Math.E,
  maxExponent: 10,
});

export function retryDelayMs(attempt: number, policy: BackoffPolicy = GRAPHILE_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 0), policy.maxExponent);
  return Math.round(policy.baseMs * policy.factor ** exponent);
}
