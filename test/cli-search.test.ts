import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-search-'));
const db = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newsdesk(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      NEWSDESK_DATABASE_URL: db,
      NEWSDESK_SITE_URL: 'https://news.example',
      NEWSDESK_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    input: '',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

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
