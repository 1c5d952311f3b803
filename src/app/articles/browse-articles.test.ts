import { describe, expect, it } from 'vitest';
import { parseBrowseQuery } from './browse-articles.js';

describe('parseBrowseQuery', () => {
  it('treats empty values as "any" and reads the rest', () => {
    expect(parseBrowseQuery({ status: '', q: '  ', page: '' })).toEqual({
      ok: true,
      value: { page: 1 },
    });
    expect(
      parseBrowseQuery({
        status: 'unpublished',
        type: 'page',
        author: '3',
        category: '4',
        tag: '5',
        q: ' 50% ',
        page: '2',
      }),
    ).toEqual({
      ok: true,
      value: {
        status: 'unpublished',
        kind: 'page',
        authorId: 3,
        categoryId: 4,
        tagId: 5,
        text: '50%',
        page: 2,
      },
    });
  });

  it('names every wrong field in one message', () => {
    const r = parseBrowseQuery({ status: 'gone', author: '0', tag: '1.5', page: '401' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error.fields ?? {}).sort()).toEqual(['author', 'page', 'status', 'tag']);
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toContain('page: a number from 1 to 400');
  });
});
