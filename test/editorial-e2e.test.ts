/**
 * End to end: a running server (the built binary, real HTTP on 127.0.0.1) and the CLI in other
 * processes over the same database. An article is created and published, edited (a new slug and
 * body), and corrected through the CLI; the public pages are checked after each step.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const SITE = 'http://news.test';

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/newsdesk.js', 'serve'], {
      env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, base: m[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

describeEachDialect('editing a published article end to end', (dialect) => {
  let store: TestStore | undefined;
  let server: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-edit-e2e-'));
  afterEach(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await store?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the new body, 301s the old URL to the new one, then shows the correction', async () => {
    store = await dialect.open();
    const env = {
      ...store.env,
      NEWSDESK_SITE_URL: SITE,
      NEWSDESK_PORT: '0',
      NEWSDESK_DEMO_CONTENT: '0',
      NEWSDESK_TIMEZONE: 'Europe/London',
    };
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
        env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'silent', ...env },
        encoding: 'utf8',
        input: '',
      });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout.trim().split('\n');
    };
    const started = await serve(env);
    server = started.child;
    // A connection per request: `cli` (spawnSync) blocks this process, so a kept-alive socket is
    // not retired on time; when a CLI run lasts about as long as serve's keep-alive timeout (a
    // slow PostgreSQL run), the next request went out on a socket serve was closing and failed
    // with "other side closed".
    const agent = new Agent({ pipelining: 0 });
    const get = async (path: string) => {
      const res = await fetch(`${started.base}${path}`, { redirect: 'manual', dispatcher: agent });
      return { status: res.status, location: res.headers.get('location'), body: await res.text() };
    };
    const pathOf = (url: string | undefined) => new URL(url ?? '').pathname;

    cli('user', 'add', '--email', 'chief@example.org', '--name', 'Chief Editor', '--role', 'admin');
    const body1 = join(dir, 'one.md');
    writeFileSync(body1, 'The ferry was cancelled at dawn.');
    const created = cli(
      'article',
      'create',
      '--title',
      'Ferry cancelled',
      '--body-file',
      body1,
      '--publish',
    );
    const oldPath = pathOf(created.at(-1));
    const id = /article (\d+) published/.exec(created[0] ?? '')?.[1];
    expect(id).toBeDefined();
    const first = await get(oldPath);
    expect(first.status).toBe(200);
    expect(first.body).toContain('The ferry was cancelled at dawn.');

    const body2 = join(dir, 'two.md');
    writeFileSync(body2, 'The ferry was cancelled at dawn and again at noon.');
    const updated = cli(
      'article',
      'update',
      id ?? '',
      '--slug',
      'ferry-cancelled-twice',
      '--body-file',
      body2,
    );
    const newPath = pathOf(updated.at(-1));
    expect(newPath).toMatch(/^\/\d{4}\/\d{2}\/ferry-cancelled-twice\/$/);
    const fresh = await get(newPath);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain('The ferry was cancelled at dawn and again at noon.');
    const moved = await get(oldPath);
    expect([moved.status, moved.location]).toEqual([301, newPath]);

    cli('article', 'correct', id ?? '', '--note', 'The noon sailing was cancelled, not delayed.');
    const corrected = await get(newPath);
    expect(corrected.status).toBe(200);
    const text = corrected.body.replace(/<[^>]+>/g, '');
    expect(text).toMatch(
      /Correction, \d{1,2} \w+ \d{4}: The noon sailing was cancelled, not delayed\./,
    );
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(corrected.body)?.[1] ?? '{}',
    );
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'The noon sailing was cancelled, not delayed.',
        datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
    expect(ld.dateModified).toBe(ld.correction[0].datePublished);

    cli('article', 'delete', id ?? '');
    const gone = await get(newPath);
    expect(gone.status).toBe(410);
    expect(gone.body).toContain('This story was removed');
    expect(gone.body).not.toContain('The ferry was cancelled at dawn');
    const oldGone = await get(oldPath);
    expect(oldGone.status).toBe(410);
  }, 90_000);
});
