import { describe, expect, it } from 'vitest';
import { createOutboundBudget, type OutboundBudget } from './outbound-budget.js';

const limits = {
  perHostConcurrency: 2,
  globalPerWindow: 5,
  perHostPerWindow: 3,
  perAddressPerWindow: 3,
  windowMs: 60_000,
};

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** One whole request as the fetcher makes it: admitted, spent at connect, released. */
function request(budget: OutboundBudget, host: string, address = '93.184.216.34'): boolean {
  const slot = budget.admit(host);
  if (!slot.granted) return false;
  const spent = budget.spend(host, address);
  slot.release();
  return spent.granted;
}

describe('outbound budget', () => {
  it('refuses a third request in flight to one host and frees the slot on release', () => {
    const budget = createOutboundBudget(limits, clock().now);
    const a = budget.admit('a.test');
    const b = budget.admit('a.test');
    expect(a.granted && b.granted).toBe(true);
    expect(budget.admit('a.test').granted).toBe(false);
    expect(budget.admit('b.test').granted).toBe(true);
    if (a.granted) a.release();
    if (a.granted) a.release(); // a second release must not free someone else's slot
    expect(budget.admit('a.test').granted).toBe(true);
    expect(budget.admit('a.test').granted).toBe(false);
  });

  it('spends nothing on admission: admitted requests that never connect leave the windows full', () => {
    const budget = createOutboundBudget(limits, clock().now);
    for (let i = 0; i < 20; i += 1) {
      const slot = budget.admit('a.test');
      expect(slot.granted).toBe(true);
      if (slot.granted) slot.release();
    }
    for (let i = 0; i < 3; i += 1) expect(request(budget, 'a.test')).toBe(true);
  });

  it('refuses a host past its per-window count until the window rolls on', () => {
    const c = clock();
    const budget = createOutboundBudget({ ...limits, perHostConcurrency: 10 }, c.now);
    for (let i = 0; i < 3; i += 1) expect(request(budget, 'a.test', `192.0.2.${i}`)).toBe(true);
    expect(budget.admit('a.test').granted).toBe(false);
    c.advance(59_999);
    expect(budget.admit('a.test').granted).toBe(false);
    c.advance(1);
    expect(request(budget, 'a.test')).toBe(true);
  });

  it('refuses an address past its per-window count, whatever names lead to it', () => {
    const c = clock();
    const budget = createOutboundBudget(limits, c.now);
    expect(['a', 'b', 'c'].map((name) => request(budget, `${name}.test`))).toEqual([
      true,
      true,
      true,
    ]);
    // A fresh name is admitted (nothing is known of its address yet) but cannot spend.
    expect(budget.admit('d.test').granted).toBe(true);
    const refused = budget.spend('d.test', '93.184.216.34');
    expect(refused).toEqual({
      granted: false,
      reason: 'outbound budget for this address spent for this minute',
    });
    expect(request(budget, 'd.test', '93.184.216.35')).toBe(true);
    c.advance(60_000);
    expect(request(budget, 'e.test')).toBe(true);
  });

  it('spends from no window when one of them refuses', () => {
    const budget = createOutboundBudget({ ...limits, perHostPerWindow: 10 }, clock().now);
    for (const name of ['a', 'b', 'c']) expect(request(budget, `${name}.test`)).toBe(true);
    // Refused by the address window: the host and global windows must be untouched.
    for (let i = 0; i < 5; i += 1) expect(request(budget, 'a.test')).toBe(false);
    expect(request(budget, 'a.test', '198.51.100.1')).toBe(true);
    expect(request(budget, 'b.test', '198.51.100.2')).toBe(true);
  });

  it('refuses every host once the global per-window count is spent', () => {
    const c = clock();
    const budget = createOutboundBudget(limits, c.now);
    for (const host of ['a', 'b', 'c', 'd', 'e'])
      expect(request(budget, host, `${host}.addr`)).toBe(true);
    expect(budget.admit('f').granted).toBe(false);
    c.advance(60_000);
    expect(request(budget, 'f')).toBe(true);
  });
});
