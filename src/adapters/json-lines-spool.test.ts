import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJsonLinesSpool } from './json-lines-spool.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-spool-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('the JSON-lines spool', () => {
  it('gives back every record in order, newlines, Unicode and 3 MB strings included', async () => {
    const spool = await openJsonLinesSpool<{ n: number; text: string }>(dir);
    const records = [
      { n: 1, text: 'line one\nline two\r\n\u2028\u2029' },
      { n: 2, text: 'é 漢字 😀 "quotes" \\ backslash' },
      { n: 3, text: 'x'.repeat(3_000_000) },
      ...Array.from({ length: 5000 }, (_, i) => ({ n: 4 + i, text: `record ${i}` })),
    ];
    for (const r of records) await spool.write(r);
    expect(await readAll(spool.read())).toEqual(records);
    await spool.dispose();
  });

  it('removes its directory on dispose, read or not, and nothing is left in the parent', async () => {
    const spool = await openJsonLinesSpool<number>(dir);
    await spool.write(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('newsdesk-spool-'))).toHaveLength(1);
    const [home] = readdirSync(dir).filter((f) => f.startsWith('newsdesk-spool-'));
    await spool.dispose();
    expect(existsSync(join(dir, home ?? 'missing'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('newsdesk-spool-'))).toHaveLength(0);
  });

  it('refuses writes once it has been read back', async () => {
    const spool = await openJsonLinesSpool<number>(dir);
    await spool.write(1);
    expect(await readAll(spool.read())).toEqual([1]);
    await expect(spool.write(2)).rejects.toThrow(/closed/);
    await spool.dispose();
  });
});
