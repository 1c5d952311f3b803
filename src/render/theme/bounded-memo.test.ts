import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo.js';

describe('bounded memo', () => {
  it('gives back what was kept for a key, and nothing for a key never kept', () => {
    const memo = boundedMemo<string>({ maxEntries: 4, maxBytes: 100 });
    memo.set('a', 'alpha', 5);
    expect(memo.get('a')).toBe('alpha');
    expect(memo.get('b')).toBeUndefined();
    expect(memo.stats()).toEqual({ entries: 1, bytes: 5 });
  });

  it('drops the least recently used entry first once past its number of entries', () => {
    const memo = boundedMemo<number>({ maxEntries: 2, maxBytes: 100 });
    memo.set('a', 1, 1);
    memo.set('b', 2, 1);
    memo.get('a');
    memo.set('c', 3, 1);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe(1);
    expect(memo.get('c')).toBe(3);
  });

  it('drops as many old entries as it takes to stay within its bytes', () => {
    const memo = boundedMemo<string>({ maxEntries: 10, maxBytes: 100 });
    memo.set('a', 'a', 40);
    memo.set('b', 'b', 40);
    memo.set('c', 'c', 90);
    expect(memo.stats()).toEqual({ entries: 1, bytes: 90 });
    expect(memo.get('c')).toBe('c');
  });

  it('keeps nothing larger than its whole byte bound, and drops the older value of that key', () => {
    const memo = boundedMemo<string>({ maxEntries: 10, maxBytes: 100 });
    memo.set('a', 'small', 10);
    memo.set('b', 'other', 10);
    memo.set('a', 'huge', 101);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.stats()).toEqual({ entries: 1, bytes: 10 });
  });

  it('counts a replaced value once', () => {
    const memo = boundedMemo<string>({ maxEntries: 10, maxBytes: 100 });
    memo.set('a', 'one', 30);
    memo.set('a', 'two', 20);
    expect(memo.stats()).toEqual({ entries: 1, bytes: 20 });
    expect(memo.get('a')).toBe('two');
  });
});
