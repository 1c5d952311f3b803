import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime } from '../src/main/runtime.js';
import { killAll, startCli, type CliChild } from './support/cli-child.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';

describeEachDialect('scheduled publishing', (dialect) => {
  let store: TestStore | undefined;
  const children: CliChild[] = [];
  afterEach(async () => {
    await killAll(children);
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
    const server = await startCli(['serve'], env, /listening on/);
    children.push(server);
    server.process.kill('SIGKILL');
    await server.exit;

    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 200));
    const worker = await startCli(['worker'], env, /worker running/);
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
