import type { ServerResponse } from 'node:http';
import { silentLogger } from '../../src/app/ports.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../../src/main/server.js';
import type { FetcherOptions } from '../../src/net/index.js';
import { OPEN_TO_TEST_SERVERS, startLoopbackServer, type LoopbackServer } from './net-kit.js';
import type { TestDialect, TestStore } from './dialects.js';
import { anArticle, anAuthor } from './fixtures.js';

export const SITE = 'http://news.test';

/** A clock tests move forward by hand (the pair throttle and the SQLite queue read it). */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface LinkbackSite {
  readonly rt: Runtime;
  readonly server: RunningServer;
  readonly base: string;
  readonly time: ReturnType<typeof manualClock>;
  /** Form-encoded POST to one of our endpoints. */
  postForm(
    path: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  post(path: string, body: string, contentType: string): Promise<Response>;
  get(path: string, init?: RequestInit): Promise<Response>;
  /** Runs the verify-linkback task for one item, as the worker would on attempt `attempt`. */
  verify(itemId: number, attempt?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real server on 127.0.0.1 over a fresh store, with the guarded fetcher opened to loopback by
 * configuration (NEWSDESK_FETCH_ALLOW_LOOPBACK=1) and to any port (the source servers listen on
 * random ones; production allows 80, 443 and 8080) and, by default, roomier outbound budgets and
 * a 1 s fetch timeout so a suite can verify many loopback sources quickly, and a roomy per-client
 * limit on the linkback endpoints. `fetcher` and `env` override.
 */
export async function startLinkbackSite(
  dialect: TestDialect,
  opts: {
    fetcher?: Partial<FetcherOptions>;
    env?: Record<string, string>;
    /** Sees every statement the site's store runs, with its parameters. */
    onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  } = {},
): Promise<LinkbackSite> {
  const store: TestStore = await dialect.open();
  const config = loadConfig({
    NEWSDESK_DATABASE_URL: store.databaseUrl,
    NEWSDESK_SITE_URL: SITE,
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_TIMEZONE: 'Europe/London',
    NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    // Every request of a suite comes from 127.0.0.1 within one pinned minute.
    NEWSDESK_LINKBACK_IP_PER_MINUTE: '10000',
    ...opts.env,
  });
  await store.close();
  const time = manualClock();
  const rt = await openRuntime(config, silentLogger, {
    clock: time.clock,
    ...(opts.onQuery ? { onQuery: opts.onQuery } : {}),
    fetcher: {
      allowedPorts: OPEN_TO_TEST_SERVERS.allowedPorts,
      perHostPerMinute: 10_000,
      globalPerMinute: 10_000,
      perHostConcurrency: 16,
      timeoutMs: 1_000,
      ...opts.fetcher,
    },
  });
  const server = await startHttpServer(rt, '127.0.0.1', 0);
  const base = server.url;
  const task = rt.tasks['verify-linkback'];
  if (!task) throw new Error('verify-linkback is not registered');
  return {
    rt,
    server,
    base,
    time,
    postForm: (path, fields, headers = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      }),
    post: (path, body, contentType) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': contentType },
        body,
      }),
    get: (path, init) => fetch(`${base}${path}`, { redirect: 'manual', ...init }),
    verify: (itemId, attempt = 1) =>
      task({ itemId, mode: 'always' }, { jobId: 'test', attempt, logger: silentLogger }),
    async close() {
      await server.close();
      await rt.close();
      await store.dispose();
    },
  };
}

/** One article a suite needs: its switches, and whether it was deleted or renamed since. */
export interface ArticleSeed {
  readonly title: string;
  readonly comments?: boolean;
  readonly linkbacks?: boolean;
  /** Deleted after publishing: its permalink answers 410. */
  readonly deleted?: boolean;
  /** A slug it was published under before, still redirecting to it. */
  readonly oldSlug?: string;
}

export interface SeededArticle {
  readonly id: number;
  /** The canonical permalink, absolute. */
  readonly url: string;
  /** The old permalink, when the seed named an old slug. */
  readonly oldUrl?: string;
}

/**
 * Writes the articles a linkback suite works on, by one author, in the order given (the one way
 * the linkback suites seed their site). Switches left out follow the site's defaults (open).
 */
export async function seedArticles<K extends string>(
  site: Pick<LinkbackSite, 'rt'>,
  seeds: Readonly<Record<K, ArticleSeed>>,
): Promise<Record<K, SeededArticle>> {
  const deps = site.rt.deps;
  const author = await anAuthor(deps);
  const seeded = {} as Record<K, SeededArticle>;
  for (const key of Object.keys(seeds) as K[]) {
    const seed = seeds[key];
    const { article, url } = await anArticle(deps, author, {
      title: seed.title,
      ...(seed.comments === undefined ? {} : { comments: seed.comments }),
      ...(seed.linkbacks === undefined ? {} : { linkbacks: seed.linkbacks }),
    });
    if (seed.deleted) await deps.repos.articles.markDeleted(article.id, deps.clock());
    let oldUrl: string | undefined;
    if (seed.oldSlug !== undefined) {
      const oldPath = new URL(url).pathname.replace(article.slug, seed.oldSlug);
      await deps.repos.articles.recordOldPath(article.id, oldPath, deps.clock());
      oldUrl = new URL(oldPath, url).href;
    }
    seeded[key] = { id: article.id, url, ...(oldUrl ? { oldUrl } : {}) };
  }
  return seeded;
}

export interface SourceResponse {
  readonly status?: number;
  readonly type?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Never answer (a hanging source). */
  readonly hang?: boolean;
}

export interface SourceSite {
  readonly origin: string;
  readonly server: LoopbackServer;
  set(path: string, response: SourceResponse): string;
  hits(path: string): number;
  close(): Promise<void>;
}

/** Source pages served by a real node:http server on 127.0.0.1. */
export async function startSources(): Promise<SourceSite> {
  const routes = new Map<string, SourceResponse>();
  const hanging: ServerResponse[] = [];
  const server = await startLoopbackServer((req, res) => {
    const r = routes.get((req.url ?? '/').split('?')[0] ?? '/');
    if (!r) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<p>not here</p>');
      return;
    }
    if (r.hang) {
      hanging.push(res);
      return;
    }
    res.writeHead(r.status ?? 200, {
      'Content-Type': r.type ?? 'text/html; charset=utf-8',
      ...r.headers,
    });
    res.end(r.body ?? '');
  });
  return {
    origin: server.origin,
    server,
    set(path, response) {
      routes.set(path, response);
      return `${server.origin}${path}`;
    },
    hits: (path) => server.seen.filter((s) => s.url.split('?')[0] === path).length,
    async close() {
      for (const res of hanging) res.destroy();
      await server.close();
    },
  };
}

/** An h-entry page linking to `target`. */
export function entryPage(opts: {
  target: string;
  title?: string;
  property?: 'in-reply-to' | 'like-of' | 'repost-of' | 'bookmark-of' | null;
  content?: string;
  author?: string;
}): string {
  const cls = opts.property ? `u-${opts.property}` : '';
  return `<!doctype html><html><head><title>${opts.title ?? 'A post'}</title></head><body>
<article class="h-entry">
  ${opts.author ? `<a class="p-author h-card" href="/me">${opts.author}</a>` : ''}
  <div class="e-content"><p>${opts.content ?? 'I read'} <a class="${cls}" href="${opts.target}">this story</a> today.</p></div>
</article></body></html>`;
}

/** A page without microformats linking to `target` in a paragraph. */
export function plainPage(target: string, title = 'Plain page', words = 'Worth reading'): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>
<p>${words}: <a href="${target}">the council story</a>, with more context.</p></body></html>`;
}
