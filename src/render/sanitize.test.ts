import { describe, expect, it } from 'vitest';
import { wpautop } from '../app/import/wpautop.js';
import { sanitizeImportedCommentHtml, sanitizeVisitorHtml } from './sanitize.js';

/** A seeded generator, so a failure names an input that can be rerun. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'word',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '"quoted"',
  "it's",
  'é ü 漢字 😀',
  '\u00a0',
  '\u2028',
  '1 + 1 = 2',
  'a/b',
  '=',
  '#',
  ';',
  'http://example.org/x?y=1',
  '*emphasis*',
  '`code`',
  '[link](x)',
];

describe('imported comment HTML', () => {
  it('keeps plain-text paragraphs byte for byte, exactly as the full sanitiser does', () => {
    const random = mulberry32(15);
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 12);
      for (let i = 0; i < parts; i++) text += PIECES[Math.floor(random() * PIECES.length)];
      const html = wpautop(text);
      expect(sanitizeImportedCommentHtml(html), JSON.stringify(text)).toBe(
        sanitizeVisitorHtml(html),
      );
    }
    for (const html of ['', '<p></p>', '<p>a</p>\n\n<p>b<br />\nc</p>', '  <p> x </p>  '])
      expect(sanitizeImportedCommentHtml(html), html).toBe(sanitizeVisitorHtml(html));
  });

  it('sends anything else through the sanitiser (markup, entities, unbalanced paragraphs)', () => {
    const cases: [string, string][] = [
      ['<p onclick="x()">hi</p>', '<p>hi</p>'],
      ['<p>a<script>alert(1)</script></p>', '<p>a</p>'],
      ['<p>fish &amp; chips &#8230;</p>', '<p>fish &amp; chips …</p>'],
      ['<p>a <img src=x onerror=alert(1)></p>', '<p>a </p>'],
      ['<p>a</p><p>b', '<p>a</p><p>b</p>'],
      ['<p><a href="javascript:alert(1)">x</a></p>', '<p><a rel="nofollow ugc">x</a></p>'],
      ['<P>upper</P>', '<p>upper</p>'],
      ['<p>a<br>b</p>', '<p>a<br />b</p>'],
    ];
    for (const [html, expected] of cases) {
      expect(sanitizeImportedCommentHtml(html), html).toBe(expected);
      expect(sanitizeImportedCommentHtml(html), html).toBe(sanitizeVisitorHtml(html));
    }
  });
});
