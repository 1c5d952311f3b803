import { describe, expect, it } from 'vitest';
import { terminalText } from './terminal-text.js';

describe('terminalText', () => {
  it('escapes an ANSI escape sequence so it cannot recolour or clear the screen', () => {
    expect(terminalText('\u001b[2J\u001b[31mAda\u001b[0m')).toBe('\\x1b[2J\\x1b[31mAda\\x1b[0m');
  });

  it('escapes an OSC title change ended by BEL, and a bare BEL', () => {
    expect(terminalText('\u001b]0;owned\u0007hi\u0007')).toBe('\\x1b]0;owned\\x07hi\\x07');
  });

  it('escapes NUL, CR, LF, TAB and DEL, so a line cannot be overwritten or split', () => {
    expect(terminalText('a\u0000b\rc\nd\te\u007f')).toBe('a\\x00b\\x0dc\\x0ad\\x09e\\x7f');
  });

  it('escapes C1 controls: NEL U+0085 and the one-byte CSI U+009B', () => {
    expect(terminalText('x\u0085y\u009b31mz')).toBe('x\\x85y\\x9b31mz');
  });

  it('escapes bidi overrides, embeddings, isolates and marks', () => {
    expect(terminalText('evil\u202Etxt.exe')).toBe('evil\\u202etxt.exe');
    expect(terminalText('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
    );
  });

  it('escapes the line and paragraph separators', () => {
    expect(terminalText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
  });

  it('keeps ordinary text, accents, right-to-left letters and emoji as they are', () => {
    const text = 'Zoë Ünal — שלום مرحبا 日本 👩🏽‍💻 <a@b.example> 100% \\ ok';
    expect(terminalText(text)).toBe(text);
  });
});
