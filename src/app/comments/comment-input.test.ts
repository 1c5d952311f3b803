import { describe, expect, it } from 'vitest';
import { parseCommentInput } from './comment-input.js';

const base = {
  name: ' Ada ',
  email: 'Ada@Example.ORG',
  url: '',
  text: ' hi \r\n there ',
  parent: '',
  token: 't',
};

describe('parseCommentInput', () => {
  it('trims, lower-cases the email and normalises line ends', () => {
    const r = parseCommentInput(base, 100);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Ada',
        email: 'ada@example.org',
        url: null,
        text: 'hi \n there',
        parentId: null,
        token: 't',
        remember: false,
      },
    });
  });

  it.each([
    ['example.org/me', 'https://example.org/me'],
    ['http://example.org', 'http://example.org'],
  ])('accepts website %s as %s', (url, expected) => {
    const r = parseCommentInput({ ...base, url }, 100);
    expect(r.ok && r.value.url).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://example.org', 'http://'])(
    'refuses website %s',
    (url) => {
      const r = parseCommentInput({ ...base, url }, 100);
      expect(!r.ok && r.fields.url).toBeTruthy();
    },
  );

  it('accepts the exact limits and refuses one more', () => {
    const at = {
      ...base,
      name: 'n'.repeat(100),
      email: `${'e'.repeat(308)}@example.org`,
      url: `https://e.org/${'u'.repeat(486)}`,
      text: 't'.repeat(50),
    };
    expect(parseCommentInput(at, 50).ok).toBe(true);
    const over = parseCommentInput(
      { ...at, name: `${at.name}n`, text: `${at.text}t`, url: `${at.url}u` },
      50,
    );
    expect(!over.ok && Object.keys(over.fields).sort()).toEqual(['name', 'text', 'url']);
  });

  it('refuses a non-numeric parent', () => {
    const r = parseCommentInput({ ...base, parent: '1 or 1=1' }, 100);
    expect(!r.ok && r.fields.parent).toBeTruthy();
  });
});

describe('control characters in comments', () => {
  it('are dropped from every field before validation, so NUL never reaches the store', () => {
    const r = parseCommentInput(
      {
        name: 'Ada\u0000 Lovelace\u001b[31m',
        email: 'ada@example.org',
        url: '',
        text: 'First\u0000 line\nsecond\u0007 line',
        parent: '',
        token: 't',
        remember: '',
      },
      1000,
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.name).toBe('Ada Lovelace[31m');
      expect(r.value.text).toBe('First line\nsecond line');
    }
  });
});
