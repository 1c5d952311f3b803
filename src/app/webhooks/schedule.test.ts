import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_SCHEDULE as S, shouldDisable, webhookBackoffMs } from './schedule.js';

describe('webhook schedule', () => {
  it('doubles the delay after each failed attempt, from 30 s, up to two hours', () => {
    expect([1, 2, 3, 4].map((a) => webhookBackoffMs(a, S))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(webhookBackoffMs(50, S)).toBe(2 * 3600_000);
  });

  it('disables only after enough failures in a row that have lasted long enough', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    const day = new Date(since.getTime() + 24 * 3600_000);
    expect(shouldDisable({ consecutiveFailures: 20, failingSince: since }, day, S)).toBe(true);
    expect(shouldDisable({ consecutiveFailures: 19, failingSince: since }, day, S)).toBe(false);
    const early = new Date(day.getTime() - 1);
    expect(shouldDisable({ consecutiveFailures: 99, failingSince: since }, early, S)).toBe(false);
    expect(shouldDisable({ consecutiveFailures: 99, failingSince: null }, day, S)).toBe(false);
  });
});
