import { describe, expect, it } from 'vitest';
import {
  articleKey,
  batches,
  fitKeys,
  isSurrogateKey,
  summaryKey,
  termKey,
} from './surrogate-keys.js';

describe('surrogate keys', () => {
  it('keeps the keys in order, without repeats, and adds the purge-everything key', () => {
    expect(fitKeys(['home', 's1', 'u2', 's1'], 1000)).toEqual(['home', 's1', 'u2', 'all']);
  });

  it('replaces the most numerous family with its fallback when the header would be too long', () => {
    const many = Array.from({ length: 2000 }, (_, i) => summaryKey(i + 1));
    const keys = fitKeys(['home', ...many, termKey(3)], 100);
    expect(keys).toEqual(['home', 't3', 'all', 'ss']);
    expect(keys.join(' ').length).toBeLessThanOrEqual(100);
  });

  it('falls back family by family, and to `all` alone when nothing else fits', () => {
    const articles = Array.from({ length: 50 }, (_, i) => articleKey(i + 1));
    const terms = Array.from({ length: 50 }, (_, i) => termKey(i + 1));
    expect(fitKeys([...articles, ...terms], 20)).toEqual(['all', 'aa', 'tt']);
    expect(fitKeys(['lt1', 'lt2', 'lt3', 'lt4'], 5)).toEqual(['all']);
  });

  it('never exceeds the limit, whatever it is given', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `${['a', 's', 't', 'u', 'lt'][i % 5]}${i}`);
    for (const limit of [3, 10, 100, 1024, 4096, 16_384]) {
      expect(fitKeys(keys, limit).join(' ').length).toBeLessThanOrEqual(Math.max(limit, 3));
    }
  });

  it('accepts only keys of the scheme (a purge payload is checked against it)', () => {
    for (const ok of ['a1', 's22', 't3', 'u4', 'lt5', 'lu6', 'home', 'nf', 'all', 'aa', 'ss'])
      expect(isSurrogateKey(ok)).toBe(true);
    for (const bad of [
      '',
      'a',
      'x1',
      'a1 a2',
      'home\r\n',
      'a-1',
      'A1',
      'a'.repeat(2) + '1',
      `a${'9'.repeat(16)}`,
    ])
      expect(isSurrogateKey(bad)).toBe(false);
  });

  it('splits a list into batches of at most the given size', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 30)).toEqual([]);
  });
});
