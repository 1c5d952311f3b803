import { describe, expect, it } from 'vitest';
import { xmlChars, xmlEscape } from './xml-text.js';

describe('XML text', () => {
  it('drops the code points XML 1.0 forbids and keeps tab, newline and non-ASCII', () => {
    expect(xmlChars('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFF')).toBe('abcdefgh');
    expect(xmlChars('tab\there\nnew\rline')).toBe('tab\there\nnew\rline');
    expect(xmlChars('Ünïcødé ışıq 😀 اردو')).toBe('Ünïcødé ışıq 😀 اردو');
  });

  it('drops lone surrogates but keeps pairs', () => {
    expect(xmlChars('a\uD800b\uDC00c😀')).toBe('abc😀');
  });

  it('escapes markup so that "]]>" and quotes are harmless in text and attributes', () => {
    expect(xmlEscape(`]]> <a href="x">&'`)).toBe(']]&gt; &lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(xmlEscape('a]]>b')).not.toContain(']]>');
  });
});
