import { describe, expect, it } from 'vitest';
import { GRAPHILE_BACKOFF, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('follows graphile-worker exp(attempts) seconds by default', () => {
    expect(retryDelayMs(1)).toBe(2718);
    expect(retryDelayMs(2)).toBe(7389);
    expect(retryDelayMs(10)).toBe(22026466);
  });

  it('stops growing at the maximum exponent', () => {
    expect(retryDelayMs(11)).toBe(retryDelayMs(10));
    expect(retryDelayMs(50)).toBe(retryDelayMs(10));
  });

  it('takes a base, factor and cap from the policy', () => {
    const policy = { baseMs: 100, factor: 2, maxExponent: 3 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy))).toEqual([200, 400, 800, 800]);
    expect(GRAPHILE_BACKOFF.factor).toBe(Math.E);
  });
});
