import { describe, expect, it } from 'vitest';
import { slidingWindowLimiter } from './sliding-window-limiter.js';

describe('slidingWindowLimiter', () => {
  it('allows N hits per window, refuses the next with the seconds until the oldest expires', () => {
    let now = 0;
    const limiter = slidingWindowLimiter({ now: () => now });
    expect(limiter.take('a', 2, 10_000)).toEqual({ allowed: true });
    now = 4_000;
    expect(limiter.take('a', 2, 10_000)).toEqual({ allowed: true });
    expect(limiter.take('a', 2, 10_000)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.take('b', 2, 10_000)).toEqual({ allowed: true });
    now = 10_001; // the first hit slid out of the window
    expect(limiter.take('a', 2, 10_000)).toEqual({ allowed: true });
    expect(limiter.take('a', 2, 10_000).allowed).toBe(false);
  });

  it('does not count refused hits, so a client that waits gets through', () => {
    let now = 0;
    const limiter = slidingWindowLimiter({ now: () => now });
    limiter.take('a', 1, 1_000);
    for (let i = 0; i < 100; i++) limiter.take('a', 1, 1_000);
    now = 1_001;
    expect(limiter.take('a', 1, 1_000).allowed).toBe(true);
  });

  it('keeps at most maxKeys keys, dropping expired ones first', () => {
    let now = 0;
    const limiter = slidingWindowLimiter({ now: () => now, maxKeys: 3 });
    for (const k of ['a', 'b', 'c']) limiter.take(k, 1, 1_000);
    now = 500;
    limiter.take('d', 1, 1_000); // full: evicts the oldest key, a
    expect(limiter.take('a', 1, 1_000).allowed).toBe(true);
    expect(limiter.take('d', 1, 1_000).allowed).toBe(false);
  });
});
