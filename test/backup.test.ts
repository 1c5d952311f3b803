import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { testDialects } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
    env: { ...process.env, NEWSDESK_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });

const cliAsync = (args: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/newsdesk.js', ...args], {
      env: { ...process.env, NEWSDESK_LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

const integrity = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return Object.values(db.prepare('pragma integrity_check').get() as object)[0];
  } finally {
    db.close();
  }
};

describe('backup and restore of a SQLite site', () => {
  let site: SiteHarness;
  let dir: string;
  let dbFile: string;
  beforeAll(async () => {
    const [sqlite] = testDialects();
    if (!sqlite) throw new Error('no dialect');
    site = await startSite(sqlite);
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-backup-'));
    const db = site.rt.config.database;
    if (db.kind !== 'sqlite') throw new Error('expected SQLite');
    dbFile = db.file;
  });
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken while the site writes restores to a consistent database that serves', async () => {
    const deps = site.rt.deps;
    const { article, url } = await anArticle(deps, await anAuthor(deps), { title: 'Busy story' });
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await deps.uow.run(async ({ repos }) => {
          await repos.discussion.insert(
            {
              articleId: article.id,
              kind: 'comment',
              protocol: null,
              type: 'comment',
              status: 'approved',
              parentId: null,
              authorName: `Reader ${written}`,
              authorUrl: null,
              authorEmail: null,
              authorIp: null,
              authorUserAgent: null,
              sourceUrl: null,
              sourceKey: null,
              targetUrl: null,
              title: null,
              contentHtml: trustStoredHtml(`<p>Comment number ${written}</p>`),
              contentSource: `Comment number ${written}`,
              verification: 'not-required',
            },
            deps.clock(),
          );
        });
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (written < 50) await new Promise((r) => setTimeout(r, 5));
    const copy = join(dir, 'site.backup');
    const taken = await cliAsync(['backup', copy], { NEWSDESK_DATABASE_URL: dbFile });
    const atBackup = written;
    while (written < atBackup + 50) await new Promise((r) => setTimeout(r, 5));
    writing = false;
    await writer;
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(/^backup written: .*site\.backup \(\d+ bytes, schema \d{4}-/);
    expect(integrity(copy)).toBe('ok');

    const restored = join(dir, 'restored.sqlite');
    const r = cli(['restore', copy], { NEWSDESK_DATABASE_URL: restored });
    expect(r.status, r.stderr).toBe(0);
    expect(integrity(restored)).toBe('ok');
    const db = new DatabaseSync(restored, { readOnly: true });
    const comments = Number(
      (db.prepare('select count(*) as n from discussion_items').get() as { n: number }).n,
    );
    const orphans = Number(
      (
        db
          .prepare(
            'select count(*) as n from discussion_items d left join articles a on a.id = d.article_id where a.id is null',
          )
          .get() as { n: number }
      ).n,
    );
    db.close();
    // A snapshot from while the writer ran: some comments, not the ones written after it.
    expect(comments).toBeGreaterThanOrEqual(50);
    expect(comments).toBeLessThan(written);
    expect(orphans).toBe(0);

    const again = await startSite(
      { name: 'sqlite', open: testDialects()[0]!.open },
      { env: { NEWSDESK_DATABASE_URL: restored } },
    );
    try {
      const page = await again.get(new URL(url).pathname);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Comment number 0');
    } finally {
      await again.server.close();
      await again.rt.close();
    }
  }, 60_000);

  it('refuses what is not a whole Newsdesk backup, and leaves the database as it was', () => {
    const target = join(dir, 'keep.sqlite');
    const made = cli(['migrate'], { NEWSDESK_DATABASE_URL: target });
    expect(made.status, made.stderr).toBe(0);
    const before = readFileSync(target);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all\n');
    const foreign = join(dir, 'foreign.sqlite');
    const other = new DatabaseSync(foreign);
    other.exec('create table things (id integer primary key)');
    other.close();
    const truncated = join(dir, 'truncated.backup');
    const whole = join(dir, 'whole.backup');
    expect(cli(['backup', whole], { NEWSDESK_DATABASE_URL: target }).status).toBe(0);
    writeFileSync(truncated, readFileSync(whole).subarray(0, 3000));

    for (const [file, message] of [
      [text, /not a SQLite database|damaged/],
      [foreign, /not a Newsdesk one/],
      [truncated, /damaged|not a SQLite database/],
      [join(dir, 'missing.backup'), /no backup file/],
    ] as const) {
      const r = cli(['restore', file, '--yes'], { NEWSDESK_DATABASE_URL: target });
      expect(r.status, file).toBe(65);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(target).equals(before)).toBe(true);
    }

    const noYes = cli(['restore', whole], { NEWSDESK_DATABASE_URL: target });
    expect(noYes.status).toBe(64);
    expect(noYes.stderr).toContain('--yes');
    expect(cli(['backup', dir], { NEWSDESK_DATABASE_URL: target }).status).toBe(65);
    expect(cli(['backup'], { NEWSDESK_DATABASE_URL: target }).status).toBe(64);
    const pg = cli(['backup', whole], {
      NEWSDESK_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none',
    });
    expect(pg.status).toBe(64);
    expect(pg.stderr).toContain('pg_dump');
  });
});
