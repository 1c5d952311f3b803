import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime } from '../src/main/runtime.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';

interface Child {
  readonly process: ChildProcess;
  readonly output: () => string;
}

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/newsdesk.js', ...args], {
      env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve({ process: child, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
}

const exited = (c: Child) =>
  new Promise<void>((resolve) => {
    if (c.process.exitCode !== null || c.process.signalCode !== null) resolve();
    else c.process.once('exit', () => resolve());
  });

describeEachDialect('scheduled publishing', (dialect) => {
  let store: TestStore | undefined;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children) c.process.kill('SIGKILL');
    await Promise.all(children.map(exited));
    children.length = 0;
    await store?.dispose();
  });

  it('publishes exactly once at its time, across a kill -9 of the server in between', async () => {
    store = await dialect.open();
    const env = { ...store.env, NEWSDESK_PORT: '0', NEWSDESK_DEMO_CONTENT: '0' };
    const rt = await openRuntime(loadConfig(env), silentLogger);
    const at = new Date(Date.now() + 2_500);
    let articleId: number;
    try {
      const author = await anAuthor(rt.deps, 'Embargo Desk');
      const { article } = await anArticle(rt.deps, author, {
        title: 'Embargoed until later',
        publish: { kind: 'at', at },
      });
      articleId = article.id;
      expect(article.status).toBe('scheduled');
    } finally {
      await rt.close();
    }

    // The server (with in-process workers) is killed hard before the article is due.
    const server = await start(['serve'], env, /listening on/);
    children.push(server);
    server.process.kill('SIGKILL');
    await exited(server);

    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 200));
    const worker = await start(['worker'], env, /worker running/);
    children.push(worker);

    const check = await openRuntime(loadConfig(env), silentLogger, { migrate: false });
    try {
      let status = 'scheduled';
      for (let i = 0; i < 100 && status !== 'published'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await check.deps.repos.articles.findById(articleId))?.status ?? 'missing';
      }
      expect(status).toBe('published');
      // Let any duplicate run show itself before counting.
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      await check.close();
    }
    const published = [server, worker]
      .flatMap((c) => c.output().split('\n'))
      .filter((line) => line.includes('scheduled article published'));
    expect(published).toHaveLength(1);
  });
});
