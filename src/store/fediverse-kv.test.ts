import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/dialects.js';
import type { TestStore } from '../../test/support/dialects.js';
import { migrateToLatest } from './migrate.js';
import { storeKvStore } from './fediverse-kv.js';

const minutes = (n: number) => ({ days: 0, hours: 0, minutes: n, seconds: 0, milliseconds: 0 });

describeEachDialect('the Fedify key–value store over our database', (dialect) => {
  let store: TestStore;
  let clock = new Date('2026-12-01T10:00:00.000Z');
  beforeEach(async () => {
    store = await dialect.open();
    await migrateToLatest(store);
    clock = new Date('2026-12-01T10:00:00.000Z');
  });
  afterEach(() => store.dispose());
  const kv = () => storeKvStore(store.db, () => clock);

  it('reads back what it stored, replaces it, and forgets it when deleted', async () => {
    const s = kv();
    expect(await s.get(['a', 'b'])).toBeUndefined();
    await s.set(['a', 'b'], { n: 1, list: ['x'] });
    expect(await s.get(['a', 'b'])).toEqual({ n: 1, list: ['x'] });
    await s.set(['a', 'b'], 'two');
    expect(await s.get(['a', 'b'])).toBe('two');
    await s.delete(['a', 'b']);
    expect(await s.get(['a', 'b'])).toBeUndefined();
  });

  it('treats an entry past its time to live as absent and prunes it', async () => {
    const s = kv();
    // The TTL is a Temporal.Duration in Fedify; the store reads only its fields.
    await s.set(['t'], 1, { ttl: minutes(5) as never });
    clock = new Date(clock.getTime() + 4 * 60_000);
    expect(await s.get(['t'])).toBe(1);
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect(await s.get(['t'])).toBeUndefined();
    expect(await s.prune()).toBe(1);
  });

  it('lists exactly the keys under a prefix, not a key that merely starts with the same text', async () => {
    const s = kv();
    await s.set(['f', 'site'], 1);
    await s.set(['f', 'site', 'x'], 2);
    await s.set(['f', 'sites'], 3);
    await s.set(['g'], 4);
    const keys: unknown[] = [];
    for await (const e of s.list(['f', 'site'])) keys.push(e.key);
    expect(keys.map((k) => JSON.stringify(k)).sort()).toEqual(['["f","site","x"]', '["f","site"]']);
    let all = 0;
    for await (const _ of s.list()) all++;
    expect(all).toBe(4);
  });

  it('swaps a value only when it still holds what the caller expected', async () => {
    const s = kv();
    expect(await s.cas!(['c'], undefined, 1)).toBe(true);
    expect(await s.cas!(['c'], 2, 3)).toBe(false);
    expect(await s.get(['c'])).toBe(1);
    expect(await s.cas!(['c'], 1, 5)).toBe(true);
    expect(await s.get(['c'])).toBe(5);
  });

  it('keeps hostile key text as data: quotes, percent signs and SQL stay keys', async () => {
    const s = kv();
    const key = ['x', "'; drop table fediverse_kv; --", '%_"\\'] as const;
    await s.set(key, 'ok');
    expect(await s.get(key)).toBe('ok');
    let n = 0;
    for await (const _ of s.list(['x', "'; drop table fediverse_kv; --"])) n++;
    expect(n).toBe(1);
  });
});
