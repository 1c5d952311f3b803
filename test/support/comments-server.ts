/** A real Newsdesk server on 127.0.0.1:0 over a temp SQLite file, with a hand-moved clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArticle } from '../../src/app/articles/create-article.js';
import { silentLogger } from '../../src/app/ports.js';
import { updateSiteSettings } from '../../src/app/site-settings.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Article } from '../../src/domain/article.js';
import { permalinkPath } from '../../src/domain/permalink.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../../src/main/server.js';

export interface CommentServer {
  readonly rt: Runtime;
  readonly url: string;
  readonly dbFile: string;
  advance(ms: number): void;
  settings(change: Record<string, unknown>): Promise<void>;
  article(opts?: {
    comments?: boolean;
    linkbacks?: boolean;
  }): Promise<{ article: Article; path: string }>;
  /** GETs an article page and reads its comment form. */
  form(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ html: string; res: Response; token: string; action: string }>;
  post(
    action: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function startCommentServer(): Promise<CommentServer> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-comments-'));
  const dbFile = join(dir, 'site.sqlite');
  let now = Date.parse('2026-05-04T10:00:00.000Z');
  const config = loadConfig({
    NEWSDESK_DATABASE_URL: dbFile,
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_DEMO_CONTENT: '0',
    NEWSDESK_WORKERS: 'none',
  });
  const rt = await openRuntime(config, silentLogger, { clock: () => new Date(now) });
  const server: RunningServer = await startHttpServer(rt, '127.0.0.1', 0);
  const author = await addUser(rt.deps, {
    email: 'desk@news.example',
    name: 'Desk',
    role: 'author',
  });
  if (!author.ok) throw new Error(author.error.message);
  let n = 0;
  return {
    rt,
    url: server.url,
    dbFile,
    advance(ms) {
      now += ms;
    },
    settings: async (change) => void (await updateSiteSettings(rt.deps.repos.settings, change)),
    async article(opts = {}) {
      const created = await createArticle(rt.deps, {
        title: `Story number ${++n}`,
        bodyMarkdown: 'Body text.',
        authorId: author.value.id,
        publish: { kind: 'now' },
        publishedAt: new Date(now - 3_600_000),
        comments: opts.comments ?? true,
        linkbacks: opts.linkbacks ?? true,
      });
      if (!created.ok) throw new Error(created.error.message);
      const a = created.value.article;
      return { article: a, path: permalinkPath(a.slug, a.publishedAt!, 'UTC') };
    },
    async form(path, headers = {}) {
      const res = await fetch(`${server.url}${path}`, { headers });
      const html = await res.text();
      const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const action =
        /<form class="comment-form" method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
      return { html, res, token, action };
    },
    post(action, fields, headers = {}) {
      return fetch(`${server.url}${action}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      });
    },
    async close() {
      await server.close();
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
