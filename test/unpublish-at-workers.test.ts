import { afterEach, expect, it } from 'vitest';
import { unpublishAtJob, UNPUBLISH_TASK } from '../src/app/articles/unpublish-article.js';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime } from '../src/main/runtime.js';
import { killAll, startCli, type CliChild } from './support/cli-child.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';

describeEachDialect('unpublish at', (dialect) => {
  let store: TestStore | undefined;
  const children: CliChild[] = [];
  afterEach(async () => {
    await killAll(children);
    await store?.dispose();
  });

  it('fires exactly once with two worker processes, even when its job is queued twice', async () => {
    store = await dialect.open();
    const env = { ...store.env, NEWSDESK_DEMO_CONTENT: '0' };
    const rt = await openRuntime(loadConfig(env), silentLogger);
    const down = new Date(Date.now() + 5_000);
    let articleId: number;
    try {
      const author = await anAuthor(rt.deps, 'Embargo Desk');
      const { article } = await anArticle(rt.deps, author, {
        title: 'Comes down by itself',
        unpublishAt: down,
      });
      articleId = article.id;
      // A second job for the same time under another key: both workers may race on it.
      await rt.jobs.queue.enqueue({ ...unpublishAtJob(article.id, down), dedupeKey: 'twin' });
      const queued = (await rt.jobs.queue.list()).filter((j) => j.task === UNPUBLISH_TASK);
      expect(queued).toHaveLength(2);
    } finally {
      await rt.close();
    }

    const workers = await Promise.all([
      startCli(['worker'], env, /worker running/),
      startCli(['worker'], env, /worker running/),
    ]);
    children.push(...workers);

    const check = await openRuntime(loadConfig(env), silentLogger, { migrate: false });
    try {
      let status = 'published';
      for (let i = 0; i < 150 && status !== 'draft'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await check.deps.repos.articles.findById(articleId))?.status ?? 'missing';
      }
      expect(status).toBe('draft');
      // Let the twin job (and any duplicate run) show itself before counting.
      let left = 2;
      for (let i = 0; i < 50 && left > 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        left = (await check.jobs.queue.list()).filter(
          (j) => j.task === UNPUBLISH_TASK && j.status !== 'done',
        ).length;
      }
      expect(left).toBe(0);
      const events = await check.deps.repos.articleEvents.forArticle(articleId);
      expect(events.map((e) => e.type)).toEqual(['article.published', 'article.unpublished']);
    } finally {
      await check.close();
    }
    const lines = workers
      .flatMap((c) => c.output().split('\n'))
      .filter((line) => line.includes('article unpublished at its time'));
    expect(lines).toHaveLength(1);
  });
});
