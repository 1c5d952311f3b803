import { describe, expect, it } from 'vitest';
import { createOutboundBudget } from './outbound-budget.js';

const limits = { perHostConcurrency: 2, globalPerWindow: 5, perHostPerWindow: 3, windowMs: 60_000 };

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('outbound budget', () => {
  it('refuses a third request in flight to one host and frees the slot on release', () => {
    const budget = createOutboundBudget(limits, clock().now);
    const a = budget.tryAcquire('a.test');
    const b = budget.tryAcquire('a.test');
    expect(a.granted && b.granted).toBe(true);
    expect(budget.tryAcquire('a.test').granted).toBe(false);
    expect(budget.tryAcquire('b.test').granted).toBe(true);
    if (a.granted) a.release();
    if (a.granted) a.release(); // a second release must not free someone else's slot
    expect(budget.tryAcquire('a.test').granted).toBe(true);
    expect(budget.tryAcquire('a.test').granted).toBe(false);
  });

  it('refuses a host past its per-minute count until the window rolls on', () => {
    const c = clock();
    const budget = createOutboundBudget({ ...limits, perHostConcurrency: 10 }, c.now);
    for (let i = 0; i < 3; i += 1) {
      const d = budget.tryAcquire('a.test');
      if (d.granted) d.release();
    }
    expect(budget.tryAcquire('a.test').granted).toBe(false);
    c.advance(59_999);
    expect(budget.tryAcquire('a.test').granted).toBe(false);
    c.advance(1);
    expect(budget.tryAcquire('a.test').granted).toBe(true);
  });

  it('refuses every host once the global per-minute count is spent', () => {
    const c = clock();
    const budget = createOutboundBudget(limits, c.now);
    for (const host of ['a', 'b', 'c', 'd', 'e'])
      expect(budget.tryAcquire(host).granted).toBe(true);
    const refused = budget.tryAcquire('f');
    expect(refused.granted).toBe(false);
    c.advance(60_000);
    expect(budget.tryAcquire('f').granted).toBe(true);
  });
});
