import { describe, expect, it } from 'vitest';
import { memoisedReaderQueries, versionMemo } from './version-memo.js';

function harness(maxEntries?: number) {
  let version = 1;
  let now = 1_000_000;
  let calls = 0;
  const memo = versionMemo({
    version: async () => version,
    now: () => now,
    maxAgeMs: 1000,
    ...(maxEntries ? { maxEntries } : {}),
  });
  const read = (key: string) =>
    memo.get(key, async () => {
      calls++;
      return `${key}@${version}#${calls}`;
    });
  return {
    memo,
    read,
    calls: () => calls,
    write: () => void version++,
    wait: (ms: number) => void (now += ms),
  };
}

describe('version memo', () => {
  it('answers from what it kept while the content version and the second are unchanged', async () => {
    const h = harness();
    const first = await h.read('nav');
    expect(await h.read('nav')).toBe(first);
    h.wait(999);
    expect(await h.read('nav')).toBe(first);
    expect(h.calls()).toBe(1);
  });

  it('reads again after any write, so a change shows on the next request', async () => {
    const h = harness();
    await h.read('nav');
    h.write();
    expect(await h.read('nav')).toBe('nav@2#2');
  });

  it('reads again once its time is up, so a publication time that passes shows within it', async () => {
    const h = harness();
    await h.read('nav');
    h.wait(1000);
    expect(await h.read('nav')).toBe('nav@1#2');
    // A clock that went back does not make an old answer look young.
    h.wait(-5000);
    expect(await h.read('nav')).toBe('nav@1#3');
  });

  it('keeps no failed read and holds at most its entries', async () => {
    const h = harness(2);
    await expect(h.memo.get('bad', () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await h.memo.get('bad', async () => 'ok')).toBe('ok');
    await h.read('a');
    await h.read('b');
    await h.read('c');
    expect(h.memo.size).toBe(2);
  });

  it('keys the reader queries by article and limit, and passes other queries through', async () => {
    const h = harness();
    const asked: string[] = [];
    const reader = {
      related: async (id: number, _now: Date, limit: number) => (asked.push(`r${id}:${limit}`), []),
      topCategories: async (limit: number) => (asked.push(`s${limit}`), []),
      livePages: async (_now: Date, limit: number) => (asked.push(`p${limit}`), []),
      other: () => 'through',
    };
    const q = memoisedReaderQueries(reader, h.memo);
    const t = new Date();
    for (let i = 0; i < 3; i++) {
      await q.related(1, t, 4);
      await q.related(2, t, 4);
      await q.topCategories(12);
      await q.livePages(t, 20);
    }
    expect(asked).toEqual(['r1:4', 'r2:4', 's12', 'p20']);
    expect(q.other()).toBe('through');
  });
});
