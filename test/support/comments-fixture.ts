/**
 * A real store (SQLite or PostgreSQL), a real job engine and the comment use case's dependencies,
 * with a clock the test moves by hand.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createArticle } from '../../src/app/articles/create-article.js';
import { formTokens } from '../../src/app/comments/form-token.js';
import { postComment, type CommentDeps } from '../../src/app/comments/post-comment.js';
import type { SpamChecker } from '../../src/app/comments/spam-checker.js';
import type { AppDeps } from '../../src/app/deps.js';
import { silentLogger } from '../../src/app/ports.js';
import { updateSiteSettings } from '../../src/app/site-settings.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Article } from '../../src/domain/article.js';
import { createJobEngine } from '../../src/jobs/index.js';
import type { JobEngine } from '../../src/jobs/contract.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { slidingWindowLimiter } from '../../src/adapters/sliding-window-limiter.js';
import { markdownMarkup } from '../../src/render/markdown.js';
import { repositories } from '../../src/store/repositories/index.js';
import { unitOfWork } from '../../src/store/unit-of-work.js';
import type { TestDialect, TestStore } from './dialects.js';

export const T0 = new Date('2026-03-01T09:00:00.000Z');

export interface CommentFixture {
  readonly store: TestStore;
  readonly deps: AppDeps;
  readonly jobs: JobEngine;
  now(): Date;
  advance(ms: number): void;
  settings(change: Record<string, unknown>): Promise<void>;
  article(opts?: { comments?: boolean; linkbacks?: boolean; daysAgo?: number }): Promise<Article>;
  commentDeps(spamChecker?: SpamChecker | null): CommentDeps;
  /** Fetches a form token, waits past the minimum fill time, posts. */
  post(
    article: Article,
    fields: Record<string, string>,
    opts?: { ip?: string; wait?: number; deps?: CommentDeps },
  ): ReturnType<typeof postComment>;
  close(): Promise<void>;
}

export async function commentFixture(dialect: TestDialect): Promise<CommentFixture> {
  const store = await dialect.open();
  await migrateToLatest(store);
  let now = T0;
  const clock = () => now;
  const gwSchema = `gw_c_${randomBytes(5).toString('hex')}`;
  const jobs = createJobEngine(store, {
    clock,
    logger: silentLogger,
    postgres: { schema: gwSchema },
  });
  await jobs.prepare();
  const repos = repositories(store.db);
  const deps: AppDeps = {
    repos,
    uow: unitOfWork(store, jobs.queue),
    clock,
    logger: silentLogger,
    siteUrl: 'https://news.example',
    timezone: 'UTC',
    markup: markdownMarkup,
  };
  const author = await addUser(deps, { email: 'desk@news.example', name: 'Desk', role: 'author' });
  if (!author.ok) throw new Error(author.error.message);
  const tokens = formTokens(repos.settings);
  const limiter = slidingWindowLimiter({ now: () => now.getTime() });
  const commentDeps = (spamChecker: SpamChecker | null = null): CommentDeps => ({
    app: deps,
    limiter,
    tokens,
    spamChecker,
    siteTitle: 'The Example',
  });
  // Rules off by default so each test turns on exactly the rule it checks.
  await updateSiteSettings(repos.settings, {
    comments: { holdFirstTimeAuthors: false, perIpLimit: 1000, perArticleLimit: 1000 },
  });
  let n = 0;
  return {
    store,
    deps,
    jobs,
    now: () => now,
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    async settings(change) {
      await updateSiteSettings(repos.settings, change);
    },
    async article(opts = {}) {
      const created = await createArticle(deps, {
        title: `Story ${++n}`,
        bodyMarkdown: 'Body.',
        authorId: author.value.id,
        publish: { kind: 'now' },
        publishedAt: new Date(now.getTime() - (opts.daysAgo ?? 1) * 86_400_000),
        comments: opts.comments ?? true,
        linkbacks: opts.linkbacks ?? true,
      });
      if (!created.ok) throw new Error(created.error.message);
      return created.value.article;
    },
    commentDeps,
    async post(article, fields, opts = {}) {
      const d = opts.deps ?? commentDeps();
      const token = await d.tokens.issue(article.id, now);
      now = new Date(now.getTime() + (opts.wait ?? 5_000));
      return postComment(d, {
        articleId: article.id,
        fields: { token, ...fields },
        ip: opts.ip ?? '198.51.100.7',
        userAgent: 'test',
        referrer: null,
      });
    },
    async close() {
      if (store.caps.dialect === 'postgres') {
        await sql`drop schema if exists ${sql.id(gwSchema)} cascade`.execute(store.db);
      }
      await store.dispose();
    },
  };
}

export const reader = (over: Record<string, string> = {}): Record<string, string> => ({
  name: 'Ada Reader',
  email: 'ada@example.org',
  url: '',
  text: 'A thoughtful remark.',
  ...over,
});
