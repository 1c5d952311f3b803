import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));
const db = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newsdesk(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      NEWSDESK_DATABASE_URL: db,
      NEWSDESK_SITE_URL: 'https://news.example',
      NEWSDESK_LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    input: '',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('newsdesk CLI', () => {
  it('prints help and exits 64 without a command', () => {
    const r = newsdesk([]);
    expect(r.code).toBe(64);
    expect(r.out).toContain('usage: newsdesk <command>');
  });

  it('migrates, then says the schema is up to date', () => {
    expect(newsdesk(['migrate']).out).toContain('applied: 0001-core');
    expect(newsdesk(['migrate']).out).toContain('schema is up to date');
  });

  it('adds a user and refuses a duplicate email with exit 65', () => {
    const r = newsdesk([
      'user',
      'add',
      '--email',
      'Ed@Example.org',
      '--name',
      'Ed Itor',
      '--role',
      'editor',
      '--password',
      'correct horse battery',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Ed Itor <ed@example.org> (editor)');
    const dup = newsdesk([
      'user',
      'add',
      '--email',
      'ed@example.org',
      '--name',
      'Ed',
      '--role',
      'editor',
    ]);
    expect(dup.code).toBe(65);
    expect(dup.err).toContain('already exists');
  });

  it('rejects an unknown role and an unknown flag with exit 64 and the usage', () => {
    const role = newsdesk([
      'user',
      'add',
      '--email',
      'x@example.org',
      '--name',
      'X',
      '--role',
      'king',
    ]);
    expect(role.code).toBe(64);
    expect(role.err).toContain('--role must be one of');
    const flag = newsdesk(['article', 'list', '--colour']);
    expect(flag.code).toBe(64);
    expect(flag.err).toContain("Unknown option '--colour'");
  });

  it('creates a published article and prints its absolute URL as the last line', () => {
    const body = join(dir, 'story.md');
    writeFileSync(body, '# Hello\n\nA *story* with [a link](https://elsewhere.example/).');
    const r = newsdesk([
      'article',
      'create',
      '--title',
      'Hello, world',
      '--body-file',
      body,
      '--author',
      'ed@example.org',
      '--category',
      'News/Local',
      '--tag',
      'first',
      '--publish',
      '--comments',
      'closed',
      '--linkbacks',
      'open',
    ]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^https:\/\/news\.example\/\d{4}\/\d{2}\/hello-world\/$/);
    const list = newsdesk(['article', 'list', '--json']);
    expect(JSON.parse(list.out)[0]).toMatchObject({ title: 'Hello, world', status: 'published' });
  });

  it('schedules an article with --at and says when', () => {
    const body = join(dir, 'later.md');
    writeFileSync(body, 'Later.');
    const r = newsdesk([
      'article',
      'create',
      '--title',
      'Later',
      '--body-file',
      body,
      '--author',
      'ed@example.org',
      '--at',
      '2099-01-01T09:00:00Z',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('scheduled for 2099-01-01T09:00:00.000Z');
  });

  it('explains what to fix for a missing author, file or bad date', () => {
    const body = join(dir, 'x.md');
    writeFileSync(body, 'x');
    const noAuthor = newsdesk([
      'article',
      'create',
      '--title',
      'T',
      '--body-file',
      body,
      '--author',
      'nobody@example.org',
      '--publish',
    ]);
    expect(noAuthor.code).toBe(65);
    expect(noAuthor.err).toContain('newsdesk user add --email nobody@example.org');
    const noFile = newsdesk([
      'article',
      'create',
      '--title',
      'T',
      '--body-file',
      join(dir, 'missing.md'),
      '--author',
      'ed@example.org',
    ]);
    expect(noFile.code).toBe(66);
    expect(noFile.err).toContain('ENOENT');
    const badDate = newsdesk([
      'article',
      'create',
      '--title',
      'T',
      '--body-file',
      body,
      '--author',
      'ed@example.org',
      '--at',
      'tomorrow',
    ]);
    expect(badDate.code).toBe(64);
    expect(badDate.err).toContain('ISO-8601 with a zone');
  });

  it('stops with exit 78 and one line naming a bad variable', () => {
    const r = newsdesk(['article', 'list'], { NEWSDESK_PORT: 'http' });
    expect(r.code).toBe(78);
    expect(r.err.trim()).toBe(
      'newsdesk: configuration error: NEWSDESK_PORT: expected a port number from 0 to 65535',
    );
  });
});
