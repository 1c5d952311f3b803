/**
 * When a webhook delivery is tried again and when a failing hook is switched off, as pure
 * arithmetic. Every failed attempt (a non-2xx answer, a timeout, a refused or unreachable
 * address) waits base · 2^(attempt−1), capped; after `maxAttempts` the delivery has failed. A hook
 * whose last `disableAfterFailures` attempts all failed, over at least `disableAfterMs`, is
 * disabled and the owners are told.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface WebhookSchedule {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Whole time allowed for one attempt (connect, send, answer). */
  readonly timeoutMs: number;
  /** Failed attempts in a row that may disable a hook… */
  readonly disableAfterFailures: number;
  /** …once the first of them is at least this old. */
  readonly disableAfterMs: number;
}

export const DEFAULT_WEBHOOK_SCHEDULE: WebhookSchedule = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 30 * SECOND,
  maxDelayMs: 2 * HOUR,
  timeoutMs: 10 * SECOND,
  disableAfterFailures: 20,
  disableAfterMs: 24 * HOUR,
});

/** Delay after failed attempt `attempt` (1-based). */
export function webhookBackoffMs(attempt: number, s: WebhookSchedule): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** exponent);
}

/** True when a hook's run of failures is long enough, in count and in time, to disable it. */
export function shouldDisable(
  hook: { readonly consecutiveFailures: number; readonly failingSince: Date | null },
  now: Date,
  s: WebhookSchedule,
): boolean {
  return (
    hook.consecutiveFailures >= s.disableAfterFailures &&
    hook.failingSince !== null &&
    now.getTime() - hook.failingSince.getTime() >= s.disableAfterMs
  );
}
