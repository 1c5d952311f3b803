/**
 * Purge jobs: enqueued in the transaction of the change (both dialects), carrying exactly the
 * keys the change affects, run by the worker against the configured edge.
 */
import { afterEach, expect, it } from 'vitest';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { EDGE_PURGE_TASK, runPurgeJob } from '../src/app/cache/purge.js';
import { recordingLogger } from './support/recording-logger.js';
import { describeEachDialect } from './support/dialects.js';
import { heldComment, retitle } from './support/edits.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startLoopbackServer, type LoopbackServer } from './support/net-kit.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('edge purge jobs', (dialect) => {
  let site: SiteHarness | undefined;
  let edge: LoopbackServer | undefined;
  afterEach(async () => {
    await site?.close();
    await edge?.close();
    [site, edge] = [undefined, undefined];
  });

  const withVarnish = async () => {
    edge = await startLoopbackServer((_req, res) => res.writeHead(200).end('Invalidated'));
    site = await startSite(dialect, {
      env: { NEWSDESK_PURGE: 'varnish', NEWSDESK_VARNISH_URLS: `${edge.origin}/` },
    });
    return site.rt;
  };

  const purgeJobs = async () =>
    (await site!.rt.jobs.queue.list({ status: 'queued' }))
      .filter((j) => j.task === EDGE_PURGE_TASK)
      .map((j) => (j.payload as { keys: string[] }).keys);

  it('queues the purge of a new article, its lists and the paths with its publication', async () => {
    const rt = await withVarnish();
    const author = await anAuthor(rt.deps);
    const { article } = await anArticle(rt.deps, author, { categories: ['News'], tags: ['Rain'] });
    const terms = (await rt.deps.repos.terms.forArticles([article.id])).get(article.id) ?? [];
    expect(await purgeJobs()).toEqual([
      [
        `a${article.id}`,
        `s${article.id}`,
        'aa',
        'ss',
        'nf',
        'home',
        ...terms.map((t) => `lt${t.id}`),
        `lu${author.id}`,
      ],
    ]);
  });

  it('queues only the article and its summary for a retitle', async () => {
    const rt = await withVarnish();
    const { article } = await anArticle(rt.deps, await anAuthor(rt.deps));
    await retitle(rt.deps, article, 'New title');
    expect((await purgeJobs()).at(-1)).toEqual([`a${article.id}`, `s${article.id}`, 'aa', 'ss']);
  });

  it('queues the article alone when a comment is approved, and nothing for a no-op', async () => {
    const rt = await withVarnish();
    const { article } = await anArticle(rt.deps, await anAuthor(rt.deps));
    const item = await heldComment(rt.deps, article.id, 'First!');
    const before = (await purgeJobs()).length;
    const approve = { itemId: item.id, to: 'approved' as const, actor: 'cli:test' };
    expect((await moderateItem(rt.deps, approve)).ok).toBe(true);
    expect((await purgeJobs()).slice(before)).toEqual([[`a${article.id}`]]);
    // Approving again changes nothing; spam → trash keeps it hidden: no purge either time.
    await moderateItem(rt.deps, approve);
    await moderateItem(rt.deps, { ...approve, to: 'spam' });
    await moderateItem(rt.deps, { ...approve, to: 'trash' });
    expect((await purgeJobs()).slice(before)).toEqual([[`a${article.id}`], [`a${article.id}`]]);
  });

  it('writes no purge job when the change rolls back', async () => {
    const rt = await withVarnish();
    const { article } = await anArticle(rt.deps, await anAuthor(rt.deps));
    const before = await purgeJobs();
    await expect(
      rt.deps.uow.run(async ({ emit }) => {
        await emit({
          type: 'article.updated',
          articleId: article.id,
          kind: 'article',
          actorId: null,
          at: new Date(),
          url: 'http://news.test/',
          changed: ['title'],
        });
        throw new Error('the edit failed after the event');
      }),
    ).rejects.toThrow('the edit failed');
    expect(await purgeJobs()).toEqual(before);
  });

  it('queues no purge at all when no edge is configured', async () => {
    site = await startSite(dialect);
    const { article } = await anArticle(site.rt.deps, await anAuthor(site.rt.deps));
    await retitle(site.rt.deps, article, 'Again');
    expect(await purgeJobs()).toEqual([]);
  });

  it('runs the queued purge against the edge through a worker', async () => {
    const rt = await withVarnish();
    const { article } = await anArticle(rt.deps, await anAuthor(rt.deps));
    const workers = await rt.startWorkers(1);
    try {
      const deadline = Date.now() + 15_000;
      while (edge!.seen.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await workers.stop();
    }
    expect(edge!.seen[0]?.method).toBe('PURGE');
    expect(edge!.seen[0]?.headers['xkey-purge']).toContain(`a${article.id}`);
  });
});

it('drops a purge job whose payload is not a list of keys, and retries a failed purge', async () => {
  const { logger, lines } = recordingLogger();
  const calls: string[][] = [];
  const purger = {
    name: 'test',
    purge: async (keys: readonly string[]) => {
      calls.push([...keys]);
      return { ok: false as const, error: { message: 'edge said 500' } };
    },
  };
  for (const payload of [
    null,
    {},
    { keys: 'a1' },
    { keys: [] },
    { keys: ['a1\r\nX-Evil: 1'] },
    { keys: ['a1', 7] },
    { keys: Array.from({ length: 300 }, (_, i) => `a${i}`) },
  ]) {
    await runPurgeJob({ purger, logger }, payload);
  }
  expect(calls).toEqual([]);
  expect(lines.filter((l) => l.level === 'warn')).toHaveLength(7);
  await expect(runPurgeJob({ purger, logger }, { keys: ['a1'] })).rejects.toThrow('edge said 500');
});
