/**
 * docs/conformance.md is the list of linkback cases the suites check, keyed by the ids the tests
 * put at the start of their names. This keeps the two in step: every id a test names is listed,
 * every listed case is named by a test (discovery cases: by a golden fixture).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const doc = readFileSync(join(root, 'docs/conformance.md'), 'utf8');

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Case ids in test and suite titles: `E76 …` at the start, or `(D57)` / `(F80, F82)` inside. */
function idsNamedByTests(): Map<string, string> {
  const named = new Map<string, string>();
  for (const file of [...testFiles('src'), ...testFiles('test')]) {
    if (file.endsWith('conformance-doc.test.ts')) continue;
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(
      /\b(?:it|describe)(?:\.each\([\s\S]*?\))?\(\s*\n?\s*(['`"])(.*?)\1/g,
    )) {
      const title = m[2] ?? '';
      for (const id of title.match(/\b[B-H]\d{2,3}\b/g) ?? [])
        named.set(id, relative(root, join(root, file)));
    }
  }
  return named;
}

/** Case ids in the document's tables, ranges such as `B29–B31` expanded. */
function idsListed(): Set<string> {
  const ids = new Set<string>();
  for (const m of doc.matchAll(/^\| ([A-H])(\d+)(?:–[A-H](\d+))? +\|/gm)) {
    const [from, to] = [Number(m[2]), Number(m[3] ?? m[2])];
    for (let n = from; n <= to; n++) ids.add(`${m[1]}${n}`);
  }
  return ids;
}

describe('docs/conformance.md lists the cases the tests check', () => {
  const named = idsNamedByTests();
  const listed = idsListed();

  it('finds the cases of every area', () => {
    for (const area of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) {
      expect(
        [...listed].some((id) => id.startsWith(area)),
        area,
      ).toBe(true);
    }
    expect(named.size).toBeGreaterThanOrEqual(60);
  });

  it('lists every case id a test names', () => {
    const missing = [...named].filter(([id]) => !listed.has(id)).map(([id, f]) => `${id} (${f})`);
    expect(missing).toEqual([]);
  });

  it('has a test naming every case it lists (B to H)', () => {
    const untested = [...listed].filter((id) => !id.startsWith('A') && !named.has(id));
    expect(untested).toEqual([]);
  });

  it('has a golden fixture for every discovery case it lists (A)', () => {
    const fixtures = readdirSync(join(root, 'src/linkback/fixtures/discovery/webmention'));
    const rows = [...doc.matchAll(/^\| (A\d+) +\|.*\| ([0-9a-z, ]+) +\|$/gm)];
    expect(rows.length).toBe([...listed].filter((id) => id.startsWith('A')).length);
    for (const [, id, names] of rows) {
      for (const n of (names ?? '').split(',').map((s) => s.trim())) {
        expect(
          fixtures.some((f) => f.startsWith(`${n}-`) && f.endsWith('.json')),
          `${id}: fixture ${n}`,
        ).toBe(true);
      }
    }
  });
});
