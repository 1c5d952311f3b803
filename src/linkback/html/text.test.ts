import { describe, expect, it } from 'vitest';
import { cropAtWord, cropText, htmlToText } from './text.js';

describe('HTML to text', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a b'],
    ['<p>Budget</p><p>vote', 'Budget vote'],
    ['a<br>b', 'a b'],
    ['x &amp; y &lt;z&gt;', 'x & y <z>'],
    ['<script>alert(1)</script>ok<style>p{}</style>', 'ok'],
    ['a < b and c > d', 'a < b and c > d'],
    ['<b>bold</b>text', 'boldtext'],
    ['  lots \n\t of   space ', 'lots of space'],
    ['<!-- hidden -->shown', 'shown'],
  ])('%s → %s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('cropText', () => {
  it('leaves short text alone and appends an ellipsis only when it cuts', () => {
    expect(cropText('short', 10)).toBe('short');
    expect(cropText('abcdefghij', 5)).toBe('abcde…');
  });

  it('never splits a surrogate pair', () => {
    expect(cropText('😀😀😀', 2)).toBe('😀😀…');
  });
});

describe('cropAtWord', () => {
  it('leaves text that fits alone', () => {
    expect(cropAtWord('a short line', 20)).toBe('a short line');
  });

  it('ends at the last word boundary near the limit, ellipsis included in the length', () => {
    const cropped = cropAtWord('The council delayed the budget vote again', 30);
    expect(cropped).toBe('The council delayed the…');
    expect(Array.from(cropped).length).toBeLessThanOrEqual(30);
  });

  it('cuts inside a long word rather than returning almost nothing', () => {
    expect(cropAtWord('a supercalifragilisticexpialidocious', 12)).toBe('a supercali…');
  });
});
