import { describe, expect, it } from 'vitest';
import {
  foldSearchText,
  highlightAll,
  MAX_QUERY_TERMS,
  normaliseSearchText,
  queryTerms,
  snippet,
} from './search-text.js';

describe('the search normaliser', () => {
  it('folds Azerbaijani and Turkish dotless ı and dotted İ to i, whatever the case', () => {
    expect(normaliseSearchText('IŞIQ')).toBe(normaliseSearchText('ışıq'));
    expect(normaliseSearchText('İstanbul')).toBe('istanbul');
    expect(normaliseSearchText('ışıq')).toBe('isiq');
  });

  it('drops Arabic-script vowel marks, superscript alef and tatweel (Urdu with and without harakat)', () => {
    expect(normaliseSearchText('کِتاب')).toBe(normaliseSearchText('کتاب'));
    expect(normaliseSearchText('مُعَلِّم')).toBe('معلم');
    expect(normaliseSearchText('رحمٰن')).toBe(normaliseSearchText('رحمن'));
    expect(normaliseSearchText('کـــتاب')).toBe('کتاب');
  });

  it('removes zero-width joiners, non-joiners, word joiners and soft hyphens inside words', () => {
    expect(normaliseSearchText('می\u200Cخواهم')).toBe('میخواهم');
    expect(normaliseSearchText('foo\u200Dbar')).toBe('foobar');
    expect(normaliseSearchText('news\u00ADpaper')).toBe('newspaper');
    expect(normaliseSearchText('a\u2060b\uFEFFc')).toBe('abc');
  });

  it('strips accents and folds case, ligatures and full-width forms', () => {
    expect(normaliseSearchText('Inès')).toBe('ines');
    expect(normaliseSearchText('INÈS')).toBe('ines');
    expect(normaliseSearchText('Straße')).toBe('strasse');
    expect(normaliseSearchText('ﬁnal')).toBe('final');
    expect(normaliseSearchText('ＡＢＣ')).toBe('abc');
    expect(normaliseSearchText('ΣΟΦΟΣ σοφος σοφοσ')).toBe('σοφοσ σοφοσ σοφοσ');
  });

  it('keeps the vowel signs of scripts where they are letters (Devanagari), on both sides alike', () => {
    expect(normaliseSearchText('हिंदी')).toBe(foldSearchText('हिंदी'));
  });

  it('leaves only letters, digits and marks: query syntax never reaches an engine', () => {
    expect(normaliseSearchText('"a*" (b) NEAR/3 c:d ^e -f \'g\' \\h')).toBe(
      'a b near 3 c d e f g h',
    );
    expect(normaliseSearchText('\u0000\u0001<script>')).toBe('script');
    expect(queryTerms('"""***((()))')).toEqual([]);
  });

  it('keeps at most a few distinct terms of a long query', () => {
    const terms = queryTerms(Array.from({ length: 100 }, (_, i) => `w${i} w${i}`).join(' '));
    expect(terms.length).toBe(MAX_QUERY_TERMS);
    expect(new Set(terms).size).toBe(terms.length);
    expect(queryTerms('x'.repeat(10_000))).toEqual([]);
  });
});

describe('highlighting', () => {
  it('marks the original words whose folded form is a term', () => {
    const segs = highlightAll('Şəhərdə IŞIQ söndü', ['isiq']);
    expect(segs).toEqual([
      { text: 'Şəhərdə ', hit: false },
      { text: 'IŞIQ', hit: true },
      { text: ' söndü', hit: false },
    ]);
  });

  it('marks a word written with a zero-width joiner as it was written', () => {
    const segs = highlightAll('say foo\u200Dbar now', ['foobar']);
    expect(segs.find((s) => s.hit)?.text).toBe('foo\u200Dbar');
  });

  it('cuts a snippet around the first match at spaces, with ellipses where text was left out', () => {
    const text = `${'lorem '.repeat(100)}the harbour closed ${'ipsum '.repeat(100)}`;
    const segs = snippet(text, ['harbour'], 120);
    const joined = segs.map((s) => s.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['harbour']);
    expect(joined.length).toBeLessThan(140);
  });

  it('starts at the opening when nothing matches, and never splits a surrogate pair', () => {
    const text = '😀'.repeat(300);
    const joined = snippet(text, ['x'], 101)
      .map((s) => s.text)
      .join('');
    expect(joined).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    expect(joined.startsWith('😀')).toBe(true);
  });
});
