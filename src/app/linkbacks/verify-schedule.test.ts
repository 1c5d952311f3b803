import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFY_SCHEDULE as S,
  deferralDelayMs,
  maxAttempts,
  retryDelayMs,
} from './verify-schedule.js';

describe('the verification schedule', () => {
  it('retries a failing source four times, each delay within 20 % of the schedule, then stops', () => {
    expect(maxAttempts(S)).toBe(5);
    for (const [i, base] of S.retryDelaysMs.entries()) {
      expect(retryDelayMs(i + 1, S, () => 0)).toBe(Math.round(base * 0.8));
      expect(retryDelayMs(i + 1, S, () => 0.999_999)).toBeLessThanOrEqual(base * 1.2);
    }
    expect(retryDelayMs(5, S, () => 0.5)).toBeUndefined();
  });

  it('puts off a refused fetch by a jittered delay that doubles up to five minutes', () => {
    expect(deferralDelayMs(1, S, () => 0)).toBe(10_000);
    expect(deferralDelayMs(1, S, () => 0.999_999)).toBeLessThanOrEqual(20_000);
    expect(deferralDelayMs(2, S, () => 0)).toBe(20_000);
    expect(deferralDelayMs(40, S, () => 0)).toBe(150_000);
    expect(deferralDelayMs(40, S, () => 0.999_999)).toBeLessThanOrEqual(300_000);
    const spread = new Set(Array.from({ length: 50 }, () => deferralDelayMs(3, S, Math.random)));
    expect(spread.size).toBeGreaterThan(40);
  });
});
