import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { recordingLogger } from './support/recording-logger.js';
import { startCli } from './support/cli-child.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite } from './support/site-harness.js';

/**
 * A PostgreSQL restart or failover ends every connection. Each process kind must survive it:
 * keep running, answer while the database is back, and carry on with its work.
 */
const postgres = testDialects().find((d) => d.name === 'postgres');
const stores: TestStore[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const s of stores) await s.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Started {
  readonly child: ChildProcess;
  readonly url: string | null;
  readonly stderr: () => string;
}

async function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const c = await startCli(args, { NEWSDESK_LOG_LEVEL: 'warn', NEWSDESK_PORT: '0', ...env }, ready);
  children.push(c.process);
  return { child: c.process, url: c.ready[1] ?? null, stderr: c.output };
}

/** Ends every connection whose application_name is ours, as a restart would. */
async function terminateBackends(adminUrl: string, appName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const r = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [appName],
    );
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** A GET of a site started with NEWSDESK_PAGE_CACHE_MB=0: every one renders. */
async function freshRender(url: string): Promise<number> {
  const r = await fetch(url).catch(() => null);
  await r?.arrayBuffer();
  return r?.status ?? 0;
}

const suite = postgres ? describe : describe.skip;

suite('PostgreSQL connections terminated under a running process', () => {
  async function scopedEnv() {
    const store = await postgres!.open();
    stores.push(store);
    const appName = `nd_fault_${randomBytes(4).toString('hex')}`;
    // Appended as text: re-serialising the URL would re-encode the search_path option.
    const url = `${store.databaseUrl}&application_name=${appName}`;
    return {
      env: { ...store.env, NEWSDESK_DATABASE_URL: url, NEWSDESK_PAGE_CACHE_MB: '0' },
      appName,
      store,
    };
  }

  for (const args of [['serve'], ['serve', '--no-workers']]) {
    it(`keeps \`${args.join(' ')}\` alive and serving after every connection is ended`, async () => {
      const { env, appName } = await scopedEnv();
      const s = await start(args, env, /listening on (http:\/\/\S+)/);
      expect(await freshRender(s.url!)).toBe(200);
      let terminated = 0;
      for (let round = 0; round < 3; round++) {
        // Load while the connections go away, as readers would keep arriving.
        const load = Promise.all(Array.from({ length: 20 }, () => freshRender(s.url!)));
        await sleep(5); // let the requests reach the pool first
        terminated += await terminateBackends(process.env.NEWSDESK_TEST_PG_URL!, appName);
        const statuses = await load;

        expect(statuses.every((st) => st === 200 || st === 503)).toBe(true);
      }
      expect(terminated).toBeGreaterThan(0);
      await sleep(500);
      expect(s.child.exitCode).toBeNull();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++, await sleep(100))
        status = await freshRender(s.url!);
      expect(status).toBe(200);
      expect(s.stderr()).not.toMatch(/Unhandled|uncaught/i);
    });
  }

  it('keeps `worker` alive after every connection is ended', async () => {
    const { env, appName } = await scopedEnv();
    const s = await start(['worker'], env, /worker running/);
    await sleep(500);
    expect(await terminateBackends(process.env.NEWSDESK_TEST_PG_URL!, appName)).toBeGreaterThan(0);
    await sleep(2_000);
    expect(s.child.exitCode).toBeNull();
  });
});

describe('an outside SQLite write lock', () => {
  it('keeps cached pages serving, answers writes 503 with Retry-After, and recovers', async () => {
    const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
    const site = await startSite(sqlite, {
      env: { NEWSDESK_DB_LOCK_WAIT_MS: '1500', NEWSDESK_WORKERS: 'none' },
    });
    try {
      const author = await anAuthor(site.rt.deps);
      const article = await anArticle(site.rt.deps, author, { linkbacks: true });
      const path = new URL(article.url).pathname;
      expect((await site.get(path)).status).toBe(200); // now cached
      const outside = new DatabaseSync(
        site.rt.config.database.kind === 'sqlite' ? site.rt.config.database.file : '',
      );
      outside.exec('begin immediate');
      outside.exec(`update settings set value = value where 0`);
      let postSettled = false;
      const post = site
        .get('/webmention', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ source: 'https://source.test/post', target: article.url }),
        })
        .finally(() => (postSettled = true));
      await sleep(100);
      // The write is waiting for the lock; a cached read is answered meanwhile.
      const cached = await site.get(path);
      expect(cached.status).toBe(200);
      expect(postSettled).toBe(false);
      const refused = await post;
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      outside.exec('rollback');
      outside.close();
      const accepted = await site.get('/webmention', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          source: 'https://source.test/other-post',
          target: article.url,
        }),
      });
      expect(accepted.status).toBe(201);
    } finally {
      await site.close();
    }
  });
});

describe('parallel CLI writers on one SQLite file', () => {
  it('wait for each other and all succeed (no "database is locked")', async () => {
    const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
    const store = await sqlite.open();
    stores.push(store);
    const run = (i: number) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            'bin/newsdesk.js',
            'user',
            'add',
            '--email',
            `writer${i}@example.org`,
            '--name',
            `Writer ${i}`,
            '--role',
            'moderator',
            '--password',
            'correct horse battery staple',
          ],
          { env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'silent', ...store.env } },
        );
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.once('exit', (code) => resolve({ code, err }));
      });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => run(i)));
    expect(results.filter((r) => r.code !== 0).map((r) => r.err)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from users`.execute(store.db);
    expect(Number(rows[0]?.n)).toBe(12);
    // Twelve Node processes each hashing a password with argon2 take a while on two busy cores;
    // what this test pins is that none fails on a lock, not how fast they finish.
  }, 90_000);
});

function mountSmallTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
  if (r.status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  return null;
}

const tmpfs = process.getuid?.() === 0 ? mountSmallTmpfs() : null;
if (!tmpfs) console.warn('[newsdesk] full-disk test skipped: mounting a small tmpfs needs root');

(tmpfs ? describe : describe.skip)('a full disk under SQLite', () => {
  afterAll(() => {
    spawnSync('umount', [tmpfs!]);
    rmSync(tmpfs!, { recursive: true, force: true });
  });

  it('logs the real cause, answers 503, and forgets the failure once space is back', async () => {
    const log = recordingLogger();
    const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
    const site = await startSite(sqlite, {
      env: {
        NEWSDESK_DATABASE_URL: join(tmpfs!, 'site.sqlite'),
        NEWSDESK_WORKERS: 'none',
        NEWSDESK_PAGE_CACHE_MB: '0',
      },
      logger: log.logger,
    });
    try {
      const author = await anAuthor(site.rt.deps);
      const article = await anArticle(site.rt.deps, author, { comments: true });
      const path = new URL(article.url).pathname;
      // Fill the disk: the first render must then write the comment-form secret, and cannot.
      const filler = join(tmpfs!, 'filler');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) appendFileSync(filler, chunk);
      } catch {
        // ENOSPC: the disk is full
      }
      const full = await site.get(path);
      expect(full.status).toBe(503);
      expect(full.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(log.text()).toMatch(/disk is full/i);
      expect(log.text()).not.toMatch(/cannot rollback/i);

      rmSync(filler);
      const back = await site.get(path);
      expect(back.status).toBe(200);
      expect(await back.text()).toMatch(/name="token" value="\d+\.\d+\.[\w-]{43}"/);
    } finally {
      await site.close();
    }
  });
});

describe('two app processes starting on an empty database', () => {
  for (const dialect of testDialects()) {
    it(`both come up and the demo content is written once (${dialect.name})`, async () => {
      const store = await dialect.open();
      stores.push(store);
      const env = { ...store.env, NEWSDESK_WORKERS: 'none' };
      const both = await Promise.all([
        start(['serve'], env, /listening on (http:\/\/\S+)/),
        start(['serve'], env, /listening on (http:\/\/\S+)/),
      ]);
      for (const s of both) expect(s.child.exitCode).toBeNull();
      const { rows } = await sql<{ n: number }>`select count(*) as n from users`.execute(store.db);
      const home = await (await fetch(both[1]!.url!)).text();
      expect(home).toContain('Night buses return');
      for (const s of both) s.child.kill('SIGTERM');
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
      const { rows: titles } = await sql<{ title: string; n: number }>`
        select title, count(*) as n from articles group by title having count(*) > 1`.execute(
        store.db,
      );
      expect(titles).toEqual([]);
    });
  }
});
