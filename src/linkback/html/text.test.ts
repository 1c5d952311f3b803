import { describe, expect, it } from 'vitest';
import { cropText, htmlToText } from './text.js';

describe('HTML to text', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a b'],
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
