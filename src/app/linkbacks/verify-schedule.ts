/**
 * When a verification job runs again, as pure arithmetic: the retry schedule for a source that
 * did not answer usefully, the delay after our own outbound limits refused the fetch, and the
 * re-checks of established mentions. Every delay carries random jitter, so that a burst of jobs
 * refused together does not come back together.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface VerifySchedule {
  /**
   * Delay before genuine attempt n + 2 after attempt n + 1 failed (a 404, 5xx, timeout or an
   * unreachable source): `retryDelaysMs.length + 1` attempts in all, the last settles the row.
   */
  readonly retryDelaysMs: readonly number[];
  /** First delay after our own limits refused a fetch; doubles per deferral up to deferMaxMs. */
  readonly deferBaseMs: number;
  readonly deferMaxMs: number;
  /**
   * Deferrals in a row after which the next refusal counts as a genuine attempt (reason
   * `source_host_busy`), so that a job can never be put off for ever.
   */
  readonly maxDeferrals: number;
  /** How often an established (or hidden) mention's source is read again; 0 never. */
  readonly recheckMs: number;
  /** While an established mention's source answers 404, how often it is read again. */
  readonly missingRecheckMs: number;
  /** A source answering 404 on every check for this long hides its mention. */
  readonly hideMissingAfterMs: number;
}

export const DEFAULT_VERIFY_SCHEDULE: VerifySchedule = Object.freeze({
  retryDelaysMs: Object.freeze([1 * MINUTE, 10 * MINUTE, 1 * HOUR, 6 * HOUR]),
  deferBaseMs: 20 * SECOND,
  deferMaxMs: 5 * MINUTE,
  maxDeferrals: 50,
  recheckMs: 30 * DAY,
  missingRecheckMs: 1 * DAY,
  hideMissingAfterMs: 7 * DAY,
});

/** Genuine attempts before a new linkback whose source keeps failing is rejected. */
export const maxAttempts = (s: VerifySchedule): number => s.retryDelaysMs.length + 1;

/** A number in [0, 1). */
export type Random = () => number;

/** `ms` spread over [0.8 ms, 1.2 ms). */
export function jittered(ms: number, random: Random): number {
  return Math.round(ms * (0.8 + 0.4 * random()));
}

/** Delay after genuine attempt `attempt` (1-based) failed; undefined after the last one. */
export function retryDelayMs(
  attempt: number,
  s: VerifySchedule,
  random: Random,
): number | undefined {
  const base = s.retryDelaysMs[attempt - 1];
  return base === undefined ? undefined : jittered(base, random);
}

/**
 * Delay after refusal number `deferral` (1-based) by our own limits: capped doubling with "equal
 * jitter" (half fixed, half random), so refused jobs spread over the next budget windows.
 */
export function deferralDelayMs(deferral: number, s: VerifySchedule, random: Random): number {
  const exponent = Math.min(Math.max(deferral - 1, 0), 20);
  const ceiling = Math.min(s.deferMaxMs, s.deferBaseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
