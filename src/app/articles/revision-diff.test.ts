import { describe, expect, it } from 'vitest';
import { diffSnapshots, emptySnapshot, isEmptyDiff } from './revision-diff.js';

const base = {
  ...emptySnapshot,
  title: 'Title',
  slug: 'title',
  bodySource: 'one\ntwo\nthree',
  categories: ['News'],
  bylines: [1],
  commentsOpen: true,
};

describe('diffSnapshots', () => {
  it('finds no difference between a snapshot and itself', async () => {
    expect(isEmptyDiff(await diffSnapshots(base, { ...base }))).toBe(true);
  });

  it('lists changed fields in snapshot order and the body as unified hunks', async () => {
    const d = await diffSnapshots(base, {
      ...base,
      bodySource: 'one\n2\nthree',
      categories: ['News', 'Local'],
      title: 'New title',
    });
    expect(d.fields.map((f) => f.field)).toEqual(['title', 'categories']);
    expect(d.fields[1]).toEqual({
      field: 'categories',
      before: ['News'],
      after: ['News', 'Local'],
    });
    expect(d.body).toEqual([
      {
        oldStart: 1,
        oldLines: 3,
        newStart: 1,
        newLines: 3,
        lines: [' one', '-two', '+2', ' three'],
      },
    ]);
  });

  it('compares a first revision with nothing: every field it sets is new', async () => {
    const d = await diffSnapshots(null, base);
    expect(d.fields.map((f) => f.field)).toEqual([
      'title',
      'slug',
      'categories',
      'bylines',
      'commentsOpen',
    ]);
    expect(d.body[0]?.lines).toEqual(['+one', '+two', '+three']);
  });

  it('diffs a 2 MB body with one changed line, keeping only the lines around it', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `line ${i} of a long body, padded out`);
    const before = { ...base, bodySource: lines.join('\n') };
    const after = {
      ...base,
      bodySource: lines.map((l, i) => (i === 20_000 ? 'changed' : l)).join('\n'),
    };
    const d = await diffSnapshots(before, after);
    expect(d.bodyReplaced).toBe(false);
    expect(d.body).toHaveLength(1);
    expect(d.body[0]?.lines.filter((l) => l.startsWith('-') || l.startsWith('+'))).toEqual([
      '-line 20000 of a long body, padded out',
      '+changed',
    ]);
    expect(d.body[0]?.lines).toHaveLength(8);
  });
});
