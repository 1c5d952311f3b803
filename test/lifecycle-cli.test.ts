import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { openRuntime } from '../src/main/runtime.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const SITE = 'http://news.test';

describeEachDialect('lifecycle from the command line, end to end', (dialect) => {
  let store: TestStore;
  let dir: string;
  let server: ChildProcess | undefined;
  let base = '';
  let env: Record<string, string>;

  const newsdesk = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      input: '',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  /** The same, without blocking: the refusal cases run a few at a time. */
  const newsdeskAsync = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['bin/newsdesk.js', ...args],
        { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
        (error, out, err) => resolve({ code: child.exitCode ?? (error ? 1 : 0), out, err }),
      );
      child.stdin?.end();
    });
  // No kept-alive sockets: spawnSync blocks this process while the server closes idle ones.
  const agent = new Agent({ pipelining: 0 });
  const get = (path: string) => fetch(`${base}${path}`, { redirect: 'manual', dispatcher: agent });
  const body = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    store = await dialect.open();
    await store.close();
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-lifecycle-'));
    env = {
      ...store.env,
      NEWSDESK_SITE_URL: SITE,
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_DEMO_CONTENT: '0',
      NEWSDESK_PORT: '0',
    };
    expect(newsdesk('migrate').code).toBe(0);
    const admin = newsdesk(
      'user',
      'add',
      '--email',
      'ed@example.org',
      '--name',
      'Ed Itor',
      '--role',
      'admin',
      '--password',
      'correct horse battery',
    );
    expect(admin.code, admin.err).toBe(0);
    server = spawn(process.execPath, ['bin/newsdesk.js', 'serve', '--no-demo'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      server?.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
  }, 30_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const gone = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await gone;
    }
    await agent.close();
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publish → delete → 410 tombstone → undelete → 200 with its discussion; unpublish → 410', async () => {
    const created = newsdesk(
      'article',
      'create',
      '--title',
      'Bridge closes for repairs',
      '--body-file',
      body('bridge.md', 'The **old bridge** shuts on Monday.'),
      '--author',
      'ed@example.org',
      '--publish',
      '--comments',
      'open',
    );
    expect(created.code, created.err).toBe(0);
    const url = created.out.trim().split('\n').at(-1) ?? '';
    const id = /^article (\d+) published/.exec(created.out)?.[1] ?? '';
    const path = new URL(url).pathname;
    // A reader's comment, written as the comment form would leave it.
    const rt = await openRuntime(loadConfig(env), silentLogger, { migrate: false });
    try {
      await rt.deps.repos.discussion.insert(
        {
          articleId: Number(id),
          kind: 'comment',
          protocol: null,
          type: 'comment',
          status: 'approved',
          parentId: null,
          authorName: 'Reader',
          authorUrl: null,
          authorEmail: null,
          authorIp: null,
          authorUserAgent: null,
          sourceUrl: null,
          sourceKey: null,
          targetUrl: null,
          title: null,
          contentHtml: trustStoredHtml('<p>Which detour should buses take?</p>'),
          contentSource: 'Which detour should buses take?',
          verification: 'not-required',
          publishedAt: new Date(),
        },
        new Date(),
      );
    } finally {
      await rt.close();
    }
    const live = await get(path);
    expect(live.status).toBe(200);
    expect(await live.text()).toContain('Which detour should buses take?');

    const del = newsdesk('article', 'delete', url);
    expect(del.code, del.err).toBe(0);
    expect(del.out).toContain(
      `moved to the trash; restore it within 30 days with: newsdesk article undelete ${id}`,
    );
    const tomb = await get(path);
    expect(tomb.status).toBe(410);
    const tombText = await tomb.text();
    expect(tombText).toContain('This story was removed');
    expect(tombText).not.toContain('Which detour');

    const trash = newsdesk('article', 'trash', '--json');
    expect(trash.code).toBe(0);
    const rows = JSON.parse(trash.out) as { id: number; daysLeft: number; url: string }[];
    expect(rows).toEqual([expect.objectContaining({ id: Number(id), daysLeft: 30, url })]);

    const twice = newsdesk('article', 'delete', id);
    expect([twice.code, twice.err]).toEqual([65, expect.stringContaining('in the trash already')]);

    const undo = newsdesk('article', 'undelete', id);
    expect(undo.code, undo.err).toBe(0);
    expect(undo.out).toContain('restored from the trash (published)');
    const back = await get(path);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Which detour should buses take?');
    expect(newsdesk('article', 'trash').out.trim()).toBe('the trash is empty');

    const again = newsdesk('article', 'undelete', id);
    expect([again.code, again.err]).toEqual([65, expect.stringContaining('not in the trash')]);

    const down = newsdesk('article', 'unpublish', path);
    expect(down.code, down.err).toBe(0);
    expect(down.out).toContain('answers 410 Gone');
    expect((await get(path)).status).toBe(410);
    const down2 = newsdesk('article', 'unpublish', id);
    expect([down2.code, down2.err]).toEqual([65, expect.stringContaining('a draft already')]);
  }, 60_000);

  it(
    'creates, serves, updates and lists a page, written as the only admin',
    { timeout: 60_000 },
    async () => {
      const created = newsdesk(
        'page',
        'create',
        '--title',
        'About us',
        '--body-file',
        body('about.md', 'We cover the city.'),
        '--slug',
        'about',
        '--publish',
      );
      expect(created.code, created.err).toBe(0);
      expect(created.out.trim().split('\n').at(-1)).toBe(`${SITE}/about/`);
      const page = await get('/about/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('We cover the city.');
      const bare = await get('/about');
      expect([bare.status, bare.headers.get('location')]).toEqual([301, '/about/']);

      const upd = newsdesk(
        'page',
        'update',
        `${SITE}/about/`,
        '--title',
        'About the newsroom',
        '--slug',
        'about-us',
      );
      expect(upd.code, upd.err).toBe(0);
      expect(upd.out).toContain('updated: title, slug');
      expect((await get('/about-us/')).status).toBe(200);
      const old = await get('/about/');
      expect([old.status, old.headers.get('location')]).toEqual([301, '/about-us/']);

      const list = newsdesk('page', 'list', '--json');
      const pages = JSON.parse(list.out) as { slug: string; status: string; url: string }[];
      expect(pages).toEqual([
        expect.objectContaining({
          slug: 'about-us',
          status: 'published',
          url: `${SITE}/about-us/`,
        }),
      ]);
      // Not in the listing (the footer links every published page, so look at <main> only).
      const home = await (await get('/')).text();
      expect(/<main[\s\S]*<\/main>/.exec(home)?.[0]).not.toContain('About the newsroom');
      expect(home).toContain('<a href="/about-us/">About the newsroom</a>');
    },
  );

  it('refuses hostile and mistaken input with clear errors and exit codes, changing nothing', async () => {
    const file = body('x.md', 'x');
    const cases: [string[], number, string][] = [
      [['article', 'delete', '999999'], 66, 'no article with id 999999'],
      [
        ['article', 'delete', 'https://elsewhere.example/2026/12/bridge-closes-for-repairs/'],
        65,
        'is not this site',
      ],
      [['article', 'delete', 'not a url or id'], 65, "not an article's or a page's path"],
      [['article', 'delete', `${SITE}/2026/12/no-such-story/`], 66, 'no article at'],
      [['article', 'delete', `\u001b[31m${'9'.repeat(40)}`], 65, '\\x1b'],
      [['article', 'delete', '9'.repeat(40)], 66, 'no article with id'],
      [['article', 'delete'], 64, 'needs an ID or URL'],
      [['article', 'delete', '1', '2'], 64, 'unexpected argument: 2'],
      [['article', 'undelete', `${SITE}/about-us/`], 64, "needs the article's id"],
      [['article', 'trash', '--colour'], 64, "Unknown option '--colour'"],
      [
        ['page', 'create', '--title', 'Admin', '--body-file', file, '--slug', 'admin'],
        65,
        'reserved',
      ],
      [
        ['page', 'create', '--title', 'C', '--body-file', file, '--slug', 'category'],
        65,
        'reserved',
      ],
      [
        ['page', 'create', '--title', 'L', '--body-file', file, '--slug', 'a'.repeat(2000)],
        65,
        'longer than 200',
      ],
      [
        ['page', 'create', '--title', 'T', '--body-file', file, '--slug', 'about-us'],
        65,
        'is taken',
      ],
      [
        ['page', 'create', '--title', 'T', '--body-file', join(dir, 'missing.md')],
        66,
        'cannot read --body-file',
      ],
      [
        ['page', 'create', '--title', 'T', '--body-file', file, '--author', 'nobody@example.org'],
        65,
        'no user with email',
      ],
      [['page', 'create', '--body-file', file], 64, 'needs --title'],
      [['page', 'update', '1'], 64, 'at least one of'],
      [['page', 'update', '1', '--title', 'Now a page?'], 65, 'not a page'],
      [['page', 'frobnicate'], 64, 'unknown subcommand'],
    ];
    const before = newsdesk('article', 'list', '--json').out;
    const pagesBefore = newsdesk('page', 'list', '--json').out;
    for (let i = 0; i < cases.length; i += 4) {
      const batch = cases.slice(i, i + 4);
      const results = await Promise.all(batch.map(([args]) => newsdeskAsync(...args)));
      batch.forEach(([args, code, message], j) => {
        const r = results[j];
        expect([args, r?.code], r?.err).toEqual([args, code]);
        expect(r?.err, args.join(' ')).toContain(message);
        expect(r?.err).not.toContain('\u001b');
      });
    }
    expect(newsdesk('article', 'list', '--json').out).toBe(before);
    expect(newsdesk('page', 'list', '--json').out).toBe(pagesBefore);
  }, 180_000);
});
