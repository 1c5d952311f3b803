import { describe, expect, it } from 'vitest';
import { isGoneMarker } from './gone.js';

describe('HTML 410 marker (C47)', () => {
  it.each([
    ['<meta http-equiv="Status" content="410 Gone">', true],
    ['<META HTTP-EQUIV="status" CONTENT="410">', true],
    ['<meta http-equiv="Status" content="200 OK">', false],
    ['<meta http-equiv="Status" content="4100">', false],
    ['<meta name="Status" content="410 Gone">', false],
    ['<!-- <meta http-equiv="Status" content="410 Gone"> -->', false],
    ['', false],
  ])('%s → %s', (head, expected) => {
    expect(isGoneMarker(`<html><head>${head}</head><body></body></html>`)).toBe(expected);
  });
});
