import { describe, expect, it } from 'vitest';
import { storableText } from './storable-text.js';

describe('storable text', () => {
  it('drops NUL, the other C0 controls and DEL, keeping tabs, newlines and carriage returns', () => {
    expect(storableText('a\u0000b\u0007c\u001bd\u007fe\tf\ng\rh')).toBe('abcde\tf\ng\rh');
  });

  it('leaves ordinary text, accents, right-to-left script and emoji alone', () => {
    const text = 'Zoë — مرحبا 👩🏽‍💻';
    expect(storableText(text)).toBe(text);
  });
});
