import { describe, expect, it } from 'vitest';
import { keptSegments } from './kept-segments.js';

const MARK = '__mark__';
const hasMarks = (html: string) => html.includes(MARK);

interface Inputs {
  readonly title: string;
  readonly at: Date;
  readonly tags: readonly { readonly name: string }[];
}

const inputs = (over: Partial<Inputs> = {}): Inputs => ({
  title: 'Harbour reopens',
  at: new Date('2026-03-01T08:00:00.000Z'),
  tags: [{ name: 'port' }, { name: 'city' }],
  ...over,
});

const counting = () => {
  let builds = 0;
  const build = (i: Inputs) => {
    builds += 1;
    return `<h1>${i.title}</h1><time>${i.at.toISOString()}</time>${i.tags.map((t) => t.name).join()} é`;
  };
  return { build, builds: () => builds };
};

describe('kept page segments', () => {
  it('reuses the kept markup and its bytes while new inputs equal the old ones value for value', () => {
    const kept = keptSegments({ hasMarks });
    const { build, builds } = counting();
    const first = kept.get('lead:/a/', inputs(), build);
    // New objects, new Date, new arrays: equal values, so nothing is built again.
    const second = kept.get('lead:/a/', inputs(), build);
    expect(builds()).toBe(1);
    expect(second).toBe(first);
    expect(typeof second).not.toBe('string');
    if (typeof second === 'string') return;
    expect(second.bytes.toString('utf8')).toBe(second.html);
    expect(second.html).toContain('Harbour reopens');
  });

  it('builds again when any input differs, however deep: a title, a date, a tag', () => {
    const kept = keptSegments({ hasMarks });
    const { build, builds } = counting();
    kept.get('k', inputs(), build);
    const renamed = kept.get('k', inputs({ title: 'Harbour closes' }), build);
    const moved = kept.get(
      'k',
      inputs({ title: 'Harbour closes', at: new Date('2026-03-01T08:00:01.000Z') }),
      build,
    );
    const retagged = kept.get(
      'k',
      inputs({
        title: 'Harbour closes',
        at: new Date('2026-03-01T08:00:01.000Z'),
        tags: [{ name: 'port' }, { name: 'sea' }],
      }),
      build,
    );
    expect(builds()).toBe(4);
    const html = (s: typeof renamed) => (typeof s === 'string' ? s : s.html);
    expect(html(renamed)).toContain('Harbour closes');
    expect(html(moved)).toContain('08:00:01');
    expect(html(retagged)).toContain('port,sea');
  });

  it('keeps one entry per key, so two pages never answer for each other', () => {
    const kept = keptSegments({ hasMarks });
    const { build } = counting();
    const a = kept.get('lead:/a/', inputs({ title: 'A' }), build);
    const b = kept.get('lead:/b/', inputs({ title: 'B' }), build);
    expect(typeof a !== 'string' && a.html).toContain('A');
    expect(typeof b !== 'string' && b.html).toContain('B');
    expect(kept.stats().entries).toBe(2);
  });

  it('never keeps markup that carries marks a response fills: it is returned as a string each time', () => {
    const kept = keptSegments({ hasMarks });
    let builds = 0;
    const build = () => {
      builds += 1;
      return `<form>${MARK}</form>`;
    };
    expect(kept.get('form', inputs(), build)).toBe(`<form>${MARK}</form>`);
    expect(kept.get('form', inputs(), build)).toBe(`<form>${MARK}</form>`);
    expect(builds).toBe(2);
    expect(kept.stats().entries).toBe(0);
  });

  it('holds at most maxEntries, dropping the least recently used first', () => {
    const kept = keptSegments({ hasMarks, maxEntries: 2 });
    const { build, builds } = counting();
    kept.get('a', inputs(), build);
    kept.get('b', inputs(), build);
    kept.get('a', inputs(), build); // a is now the most recently used
    kept.get('c', inputs(), build); // drops b
    expect(builds()).toBe(3);
    kept.get('a', inputs(), build);
    expect(builds()).toBe(3);
    kept.get('b', inputs(), build);
    expect(builds()).toBe(4);
    expect(kept.stats().entries).toBe(2);
  });

  it('holds at most maxBytes, and never keeps one segment larger than that', () => {
    const kept = keptSegments({ hasMarks, maxBytes: 1000 });
    const big = () => 'x'.repeat(400);
    kept.get('big', {}, big);
    expect(kept.stats().entries).toBe(0);
    const small = () => 'y'.repeat(100);
    kept.get('s1', {}, small);
    kept.get('s2', {}, small);
    kept.get('s3', {}, small);
    expect(kept.stats().bytes).toBeLessThanOrEqual(1000);
    expect(kept.stats().entries).toBe(3);
    kept.get('s4', {}, small);
    expect(kept.stats().entries).toBe(3);
  });
});
