/** `newsdesk term`: the shell's way to the terms use cases (bin/newsdesk.js runs dist/). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from './support/cli-child.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-term-cli-'));
const db = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newsdesk = cliRunner(db);

describe('newsdesk term', () => {
  it('adds, lists, moves, renames and deletes categories', () => {
    expect(newsdesk(['migrate']).code).toBe(0);
    const world = newsdesk(['term', 'add', 'category', '--name', 'World']);
    expect(world.out).toMatch(/^added category (\d+): World \(world\)/);
    const worldId = /category (\d+)/.exec(world.out)?.[1] ?? '';
    const europe = newsdesk(['term', 'add', 'category', '--name', 'Europe', '--parent', worldId]);
    expect(europe.out).toContain(`under ${worldId}`);
    const europeId = /category (\d+)/.exec(europe.out)?.[1] ?? '';
    const cycle = newsdesk(['term', 'update', worldId, '--parent', europeId]);
    expect(cycle.code).not.toBe(0);
    expect(cycle.err).toContain('cannot be moved under itself');
    const renamed = newsdesk(['term', 'update', europeId, '--name', 'Europa', '--parent', 'none']);
    expect(renamed.out).toBe(`updated category ${europeId}: Europa (europe)\n`);
    const list = JSON.parse(newsdesk(['term', 'list', 'category', '--json']).out) as {
      name: string;
    }[];
    expect(list.map((t) => t.name)).toEqual(['Europa', 'World']);
    expect(newsdesk(['term', 'delete', europeId]).code).toBe(0);
    expect(newsdesk(['term', 'list', 'category']).out).toBe(
      `category ${worldId}: World (world), 0 articles\n`,
    );
  });

  it('answers malformed and hostile input with a usage or data error and changes nothing', () => {
    newsdesk(['migrate']);
    const before = newsdesk(['term', 'list', 'tag', '--json']).out;
    for (const args of [
      ['term', 'add', 'section', '--name', 'X'],
      ['term', 'add', 'tag'],
      ['term', 'update', '1; drop table terms', '--name', 'X'],
      ['term', 'delete', '-1'],
      ['term', 'frobnicate'],
    ])
      expect(newsdesk(args).code, args.join(' ')).toBe(64);
    const long = newsdesk(['term', 'add', 'tag', '--name', 'x'.repeat(5000)]);
    expect(long.code).toBe(65);
    expect(long.err).toContain('name: at most 200 characters');
    const badSlug = newsdesk(['term', 'add', 'tag', '--name', 'Ok', '--slug', '../x']);
    expect(badSlug.code).toBe(65);
    expect(newsdesk(['term', 'delete', '424242']).code).toBe(66);
    expect(newsdesk(['term', 'list', 'tag', '--json']).out).toBe(before);
  });
});
