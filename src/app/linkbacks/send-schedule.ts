/**
 * When a notification to one target is tried again, as pure arithmetic. A 5xx, a network error
 * or a 429 without `Retry-After` waits a capped, jittered exponential backoff; a 429 with
 * `Retry-After` waits what the receiver asked (W3C Webmention §3.1.3 leaves retries to the
 * sender; RFC 9110 §10.2.3). A refusal by our own outbound budget is not an attempt: it defers
 * with the same growing, jittered delay verification uses (`verify-schedule.ts`).
 */
import { deferralDelayMs, jittered, type Random } from './verify-schedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface SendSchedule {
  /** Genuine attempts per target and round; the last failing one gives up. */
  readonly maxAttempts: number;
  /** Delay after the first failed attempt; doubled after each further one… */
  readonly baseDelayMs: number;
  /** …up to this. */
  readonly maxDelayMs: number;
  /** First delay after our own budget refused a request; doubles up to deferMaxMs. */
  readonly deferBaseMs: number;
  readonly deferMaxMs: number;
  /** Deferrals in a row after which the next refusal counts as an attempt. */
  readonly maxDeferrals: number;
}

export const DEFAULT_SEND_SCHEDULE: SendSchedule = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 1 * MINUTE,
  maxDelayMs: 1 * HOUR,
  deferBaseMs: 20 * SECOND,
  deferMaxMs: 5 * MINUTE,
  maxDeferrals: 50,
});

/** Delay after genuine attempt `attempt` (1-based) failed: base · 2^(attempt−1), capped, ±20 %. */
export function sendBackoffMs(attempt: number, s: SendSchedule, random: Random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return jittered(Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** exponent), random);
}

/** Delay after refusal number `deferral` by our own limits. */
export function sendDeferralMs(deferral: number, s: SendSchedule, random: Random): number {
  return deferralDelayMs(
    deferral,
    {
      retryDelaysMs: [],
      deferBaseMs: s.deferBaseMs,
      deferMaxMs: s.deferMaxMs,
      maxDeferrals: s.maxDeferrals,
      recheckMs: 0,
      missingRecheckMs: 0,
      hideMissingAfterMs: 0,
    },
    random,
  );
}
