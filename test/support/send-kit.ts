// A newsroom that sends linkbacks, for the sending suites: a runtime over a fresh store with a
// pinned clock, its real job worker, and the guarded fetcher opened to loopback test servers.
import type { ArticleFields } from '../../src/app/articles/ports.js';
import type { ArticleEventType } from '../../src/app/articles/events.js';
import { articleUrl, type CreateArticleInput } from '../../src/app/articles/create-article.js';
import type { OutboundLinkback } from '../../src/app/linkbacks/index.js';
import { silentLogger, type Repositories } from '../../src/app/ports.js';
import { loadConfig } from '../../src/config/config.js';
import type { Article, Author } from '../../src/domain/article.js';
import type { WorkerHandle } from '../../src/jobs/contract.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import type { FetcherOptions } from '../../src/net/index.js';
import { markdownMarkup } from '../../src/render/markdown.js';
import type { TestDialect, TestStore } from './dialects.js';
import { anArticle, anAuthor } from './fixtures.js';
import { manualClock, SITE } from './linkback-harness.js';
import { OPEN_TO_TEST_SERVERS } from './net-kit.js';

export { SITE };

export interface SendDesk {
  readonly rt: Runtime;
  readonly time: ReturnType<typeof manualClock>;
  readonly author: Author;
  readonly dialect: TestDialect['name'];
  /** Environment pointing a child process (the CLI) at this desk's store. */
  readonly env: Readonly<Record<string, string>>;
  /** Publishes an article with this Markdown body; returns it and its URL. */
  publish(
    body: string,
    over?: Partial<CreateArticleInput>,
  ): Promise<{ article: Article; url: string }>;
  /** Saves a new body, as an edit does, and emits `article.updated`. */
  edit(articleId: number, body: string): Promise<void>;
  /** Puts the article in the trash (its URL answers 410) and emits `article.deleted`. */
  remove(articleId: number): Promise<void>;
  /** Takes the article back to draft and emits `article.unpublished`. */
  withdraw(articleId: number): Promise<void>;
  /** Waits until no job is running and none is due on the pinned clock. */
  settle(): Promise<void>;
  /** Moves the pinned clock on, then settles. */
  advance(ms: number): Promise<void>;
  ledger(articleId: number): Promise<OutboundLinkback[]>;
  close(): Promise<void>;
}

function fieldsOf(a: Article, over: Partial<ArticleFields> = {}): ArticleFields {
  return {
    kind: a.kind,
    slug: a.slug,
    title: a.title,
    standfirst: a.standfirst,
    bodySource: a.bodySource,
    bodyHtml: a.bodyHtml,
    excerpt: a.excerpt,
    status: a.status,
    publishedAt: a.publishedAt,
    authorId: a.authorId,
    trackbackTo: a.trackbackTo,
    unpublishAt: a.unpublishAt,
    linkbacksSend: a.linkbacksSend,
    commentsOpen: a.comments.open,
    commentsCloseAt: a.comments.closesAt,
    linkbacksOpen: a.linkbacks.open,
    linkbacksCloseAt: a.linkbacks.closesAt,
    ...over,
  };
}

export async function startSendDesk(
  dialect: TestDialect,
  opts: {
    env?: Record<string, string>;
    fetcher?: Partial<FetcherOptions>;
    /** Jobs the worker runs at once (default 8). */
    concurrency?: number;
    /** False: start no worker (a suite that runs the handlers itself). */
    worker?: boolean;
  } = {},
): Promise<SendDesk> {
  const store: TestStore = await dialect.open();
  const config = loadConfig({
    ...store.env,
    NEWSDESK_SITE_URL: SITE,
    NEWSDESK_SITE_TITLE: 'The Test Gazette',
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_TIMEZONE: 'UTC',
    NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    ...opts.env,
  });
  await store.close();
  const time = manualClock();
  const rt = await openRuntime(config, silentLogger, {
    clock: time.clock,
    fetcher: {
      allowedPorts: OPEN_TO_TEST_SERVERS.allowedPorts,
      perHostPerMinute: 100_000,
      globalPerMinute: 100_000,
      perHostConcurrency: 16,
      timeoutMs: 2_000,
      // The budget's minute windows follow the pinned clock.
      now: () => time.clock().getTime(),
      ...opts.fetcher,
    },
  });
  const author = await anAuthor(rt.deps);
  const worker: WorkerHandle | null =
    opts.worker === false
      ? null
      : await rt.jobs.start(rt.tasks, { concurrency: opts.concurrency ?? 8, pollIntervalMs: 5 });

  const emit = async (
    articleId: number,
    type: ArticleEventType,
    change: (a: Article, repos: Repositories) => Promise<void>,
  ) => {
    await rt.deps.uow.run(async ({ repos, emit: send }) => {
      const before = await repos.articles.findById(articleId);
      if (!before) throw new Error(`no article ${articleId}`);
      await change(before, repos);
      const after = (await repos.articles.findById(articleId)) ?? before;
      await send({
        type,
        articleId,
        kind: after.kind,
        actorId: author.id,
        at: rt.deps.clock(),
        url: articleUrl(rt.deps, after),
      });
    });
  };

  const settle = async () => {
    for (let idle = 0; idle < 3;) {
      const running = await rt.jobs.queue.list({ status: 'running', limit: 1 });
      const [next] = await rt.jobs.queue.list({ status: 'queued', limit: 1 });
      const horizon = Math.max(time.clock().getTime(), Date.now());
      const busy = running.length > 0 || (next !== undefined && next.runAt.getTime() <= horizon);
      idle = busy ? 0 : idle + 1;
      await new Promise((r) => setTimeout(r, busy ? 10 : 5));
    }
  };

  return {
    rt,
    time,
    author,
    dialect: dialect.name,
    env: { ...store.env, NEWSDESK_SITE_URL: SITE, NEWSDESK_LOG_LEVEL: 'silent' },
    publish: (body, over = {}) => anArticle(rt.deps, author, { bodyMarkdown: body, ...over }),
    edit: (articleId, body) =>
      emit(articleId, 'article.updated', async (a, repos) => {
        const bodyHtml = markdownMarkup.article(body);
        await repos.articles.update(
          articleId,
          fieldsOf(a, { bodySource: body, bodyHtml }),
          rt.deps.clock(),
        );
      }),
    remove: (articleId) =>
      emit(articleId, 'article.deleted', async (_a, repos) => {
        await repos.articles.markDeleted(articleId, rt.deps.clock());
      }),
    withdraw: (articleId) =>
      emit(articleId, 'article.unpublished', async (_a, repos) => {
        await repos.articles.markWithdrawn(articleId, rt.deps.clock());
      }),
    settle,
    async advance(ms) {
      time.advance(ms);
      await settle();
    },
    ledger: (articleId) => rt.deps.repos.outboundLinkbacks.forArticle(articleId),
    async close() {
      await worker?.stop();
      await rt.close();
      await store.dispose();
    },
  };
}
