import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits } from './if-none-match.js';

describe('If-None-Match matching (RFC 9110 §13.1.2)', () => {
  it('matches * against any page that has an entity tag', () => {
    expect(ifNoneMatchHits('*', '"abc"')).toBe(true);
    expect(ifNoneMatchHits(' * ', 'W/"abc"')).toBe(true);
  });

  it('compares weakly: a W/ prefix on either side is ignored', () => {
    expect(ifNoneMatchHits('W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"abc"', 'W/"abc"')).toBe(true);
  });

  it('finds the tag anywhere in a list', () => {
    expect(ifNoneMatchHits('"x", "abc" , "y"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"x", "y"', '"abc"')).toBe(false);
  });

  it('never matches without a header or without an entity tag', () => {
    expect(ifNoneMatchHits(undefined, '"abc"')).toBe(false);
    expect(ifNoneMatchHits('', '"abc"')).toBe(false);
    expect(ifNoneMatchHits('*', null)).toBe(false);
  });
});
