import { describe, expect, it } from 'vitest';
import { cacheControl, DEFAULT_EDGE_POLICY, edgeHeaders } from './edge-cache.js';

const policy = DEFAULT_EDGE_POLICY;

describe('edge cache headers', () => {
  it('keeps article pages long at the edge and briefly in browsers', () => {
    expect(cacheControl(policy, { kind: 'page' })).toBe(
      'public, max-age=60, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400',
    );
  });

  it('gives lists and error answers the shorter list lifetime', () => {
    expect(cacheControl(policy, { kind: 'list' })).toContain('s-maxage=300');
    expect(cacheControl(policy, { kind: 'error' })).toContain('s-maxage=300');
  });

  it('keeps a page with a comment form at the edge only as long as its form lifetime', () => {
    expect(cacheControl(policy, { kind: 'form' })).toContain('s-maxage=60');
    expect(cacheControl({ ...policy, formMaxAge: 0 }, { kind: 'form' })).toBe('private, no-cache');
  });

  it('never lets a shared cache keep a private answer, and sends it no keys', () => {
    expect(edgeHeaders(policy, { kind: 'private', keys: ['a1'] })).toEqual([
      ['Cache-Control', 'private, no-cache'],
    ]);
  });

  it('ends the edge lifetime when the page stops being right (a comments switch closing)', () => {
    const now = 1_000_000;
    expect(cacheControl(policy, { kind: 'page', until: now + 90_500, now })).toContain(
      's-maxage=90,',
    );
    expect(cacheControl(policy, { kind: 'page', until: now + 30_000, now })).toContain(
      'max-age=30,',
    );
    expect(cacheControl(policy, { kind: 'page', until: now - 1, now })).toBe('private, no-cache');
  });

  it('sends the same keys as Surrogate-Key (spaces) and Cache-Tag (commas), within the limit', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `s${i}`);
    const headers = new Map(edgeHeaders(policy, { kind: 'list', keys: ['home', ...keys] }));
    expect(headers.get('Surrogate-Key')).toBe('home all ss');
    expect(headers.get('Cache-Tag')).toBe('home,all,ss');
    const small = new Map(edgeHeaders(policy, { kind: 'page', keys: ['a1', 't2'] }));
    expect(small.get('Surrogate-Key')).toBe('a1 t2 all');
  });
});
