import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from './support/cli-child.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-search-'));
const db = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newsdesk = cliRunner(db);

describe('newsdesk search', () => {
  it('refuses a missing or unknown subcommand and unknown flags with exit 64', () => {
    expect(newsdesk(['search']).code).toBe(64);
    expect(newsdesk(['search', 'rebuild']).code).toBe(64);
    expect(newsdesk(['search', 'reindex', '--now']).code).toBe(64);
  });

  it('rebuilds the index of what is published and says how many it indexed', () => {
    expect(
      newsdesk([
        'user',
        'add',
        '--email',
        'a@example.org',
        '--name',
        'A',
        '--role',
        'author',
        '--password',
        'correct horse battery',
      ]).code,
    ).toBe(0);
    const body = join(dir, 'body.md');
    writeFileSync(body, 'Lanterns on the pier.');
    for (const publish of [['--publish'], []]) {
      const r = newsdesk([
        'article',
        'create',
        '--title',
        'Pier lights',
        '--body-file',
        body,
        '--author',
        'a@example.org',
        ...publish,
      ]);
      expect(r.code, r.err).toBe(0);
    }
    const r = newsdesk(['search', 'reindex']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^indexed 1 articles and pages in \d+ ms/);
  });
});
