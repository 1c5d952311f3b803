import { describe, expect, it } from 'vitest';
import { makeExcerpt } from './excerpt.js';

describe('article excerpts', () => {
  it('keeps the words of two paragraphs apart', () => {
    expect(makeExcerpt('<p>Budget</p><p>vote')).toBe('Budget vote');
  });

  it('decodes entities and drops markup', () => {
    expect(makeExcerpt('<p>Roads &amp; <em>schools</em></p>')).toBe('Roads & schools');
  });
});
