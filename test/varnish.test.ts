/**
 * A real Varnish (deploy/varnish/newsdesk.vcl, vmod xkey) on 127.0.0.1 in front of a real
 * Newsdesk: cache hits, purges by surrogate key through the purge job, and stale copies served
 * while Newsdesk is down. Skipped, with the reason, where varnishd or vmod xkey is missing.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { permalinkPath } from '../src/domain/permalink.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { testDialects } from './support/dialects.js';
import { heldComment, retitle } from './support/edits.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';
import {
  freePort,
  startVarnish,
  varnishUnavailable,
  type RunningVarnish,
} from './support/varnish.js';

const unavailable = varnishUnavailable();
if (unavailable) console.warn(`[newsdesk] Varnish tests skipped: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

suite('behind a real Varnish', () => {
  let site: SiteHarness | undefined;
  let varnish: RunningVarnish | undefined;
  let workers: WorkerHandle | undefined;
  afterEach(async () => {
    await workers?.stop();
    await varnish?.stop();
    await site?.close().catch(() => {});
    [site, varnish, workers] = [undefined, undefined, undefined];
  });

  const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

  async function start(env: Record<string, string> = {}) {
    const port = await freePort();
    site = await startSite(sqlite, {
      env: {
        NEWSDESK_PURGE: 'varnish',
        NEWSDESK_VARNISH_URLS: `http://127.0.0.1:${port}/`,
        NEWSDESK_WORKERS: 'none',
        ...env,
      },
    });
    varnish = await startVarnish(port, Number(new URL(site.base).port));
    workers = await site.rt.startWorkers(2);
    return { site, varnish };
  }

  const xcache = async (path: string) => {
    const res = await varnish!.get(path);
    const body = await res.text();
    return { status: res.status, cache: res.headers.get('x-cache'), body, res };
  };

  /** Asks until the edge's copy of `path` is gone (the purge job ran), or gives up. */
  async function untilPurged(path: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const r = await xcache(path);
      if (r.cache !== 'HIT') return r;
      if (Date.now() > deadline) throw new Error(`${path} was never purged`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const pathOf = (a: { slug: string; publishedAt: Date | null }) =>
    permalinkPath(a.slug, a.publishedAt ?? new Date(), 'Europe/London');

  async function twoStories() {
    const deps = site!.rt.deps;
    const ada = await anAuthor(deps, 'Ada Reporter');
    const bo = await anAuthor(deps, 'Bo Writer');
    const a = await anArticle(deps, ada, {
      title: 'Bridge reopens',
      categories: ['Transport'],
      comments: false,
    });
    const b = await anArticle(deps, bo, {
      title: 'Comet sighted',
      categories: ['Science'],
      comments: false,
    });
    // Their publication purges run first, so that they cannot empty what a test then caches.
    await jobsDone();
    return { a: a.article, b: b.article };
  }

  /** Waits until the queue has nothing waiting or running. */
  async function jobsDone() {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const stats = await site!.rt.jobs.queue.stats();
      if (stats.every((s) => s.queued === 0 && s.running === 0)) return;
      if (Date.now() > deadline) throw new Error('the job queue never emptied');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('serves a second request from the cache, with the key headers kept from readers', async () => {
    await start();
    const { a } = await twoStories();
    const path = pathOf(a);
    const first = await xcache(path);
    expect(first.status).toBe(200);
    expect(first.cache).toBe('MISS');
    const second = await xcache(path);
    expect(second.cache).toBe('HIT');
    expect(second.body).toBe(first.body);
    // Varnish's own evidence: two transaction ids on a hit, and an Age.
    expect(second.res.headers.get('x-varnish')).toMatch(/^\d+ \d+$/);
    expect(second.res.headers.get('age')).toMatch(/^\d+$/);
    expect(second.res.headers.get('surrogate-key')).toBeNull();
    expect(second.res.headers.get('cache-tag')).toBeNull();
    // Straight from Newsdesk the keys are there.
    const direct = await site!.get(path);
    expect(direct.headers.get('surrogate-key')?.split(' ')).toContain(`a${a.id}`);
  });

  it('purges exactly the edited article and the lists that show it', async () => {
    await start();
    const { a, b } = await twoStories();
    const paths = {
      a: pathOf(a),
      b: pathOf(b),
      home: '/',
      transport: '/category/transport/',
      science: '/category/science/',
    };
    for (const p of Object.values(paths)) await xcache(p);
    for (const p of Object.values(paths)) expect((await xcache(p)).cache).toBe('HIT');

    await retitle(site!.rt.deps, a, 'Bridge reopens after repairs');

    const edited = await untilPurged(paths.a);
    expect(edited.body).toContain('Bridge reopens after repairs');
    const home = await xcache(paths.home);
    expect(home.cache).toBe('MISS');
    expect(home.body).toContain('Bridge reopens after repairs');
    expect((await xcache(paths.transport)).cache).toBe('MISS');
    // The other story and the list it alone is on are still served from the cache.
    expect((await xcache(paths.b)).cache).toBe('HIT');
    expect((await xcache(paths.science)).cache).toBe('HIT');
  });

  it('purges an article when a comment on it is approved, and not the front page', async () => {
    await start();
    const { b } = await twoStories();
    const paths = { b: pathOf(b), home: '/', science: '/category/science/' };
    const item = await heldComment(site!.rt.deps, b.id, 'Saw it from the hill too.');
    for (const p of Object.values(paths)) await xcache(p);
    for (const p of Object.values(paths)) expect((await xcache(p)).cache).toBe('HIT');

    const approved = await moderateItem(site!.rt.deps, {
      itemId: item.id,
      to: 'approved',
      actor: 'cli:test',
    });
    expect(approved.ok).toBe(true);

    const page = await untilPurged(paths.b);
    expect(page.body).toContain('Saw it from the hill too.');
    expect((await xcache(paths.home)).cache).toBe('HIT');
    expect((await xcache(paths.science)).cache).toBe('HIT');
  });

  it('serves stale copies while Newsdesk is down (stale-if-error as grace)', async () => {
    await start({ NEWSDESK_EDGE_MAX_AGE: '1' });
    const { a } = await twoStories();
    const path = pathOf(a);
    const fresh = await xcache(path);
    expect(fresh.status).toBe(200);
    expect(fresh.res.headers.get('cache-control')).toContain('stale-if-error=86400');
    await site!.server.close();
    // Past the 1 s edge lifetime and past the 10 s grace a healthy backend gets: only the
    // backend's sickness (the probe on /healthz) and stale-if-error can still serve it.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const stale = await xcache(path);
    expect(stale.status).toBe(200);
    expect(stale.cache).toBe('STALE');
    expect(stale.body).toBe(fresh.body);
    expect(Number(stale.res.headers.get('age'))).toBeGreaterThan(1);
  }, 30_000);

  it('never caches a reader with a newsdesk_ cookie, and drops other cookies', async () => {
    await start();
    const { a } = await twoStories();
    const path = pathOf(a);
    await xcache(path);
    const cookieHeaders = { cookie: 'newsdesk_commenter=x' };
    const own = await varnish!.get(path, { headers: cookieHeaders });
    await own.text();
    expect(own.headers.get('x-cache')).toBe('MISS');
    const analytics = await varnish!.get(path, { headers: { cookie: '_ga=GA1.2.3' } });
    await analytics.text();
    expect(analytics.headers.get('x-cache')).toBe('HIT');
  });

  it('refuses a purge from an address outside its purgers list, and one without keys', async () => {
    await start();
    const status = (localAddress: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: varnish!.port,
            method: 'PURGE',
            path: '/',
            localAddress,
            headers,
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await status('127.0.0.2', { 'xkey-purge': 'all' })).toBe(403);
    expect(await status('127.0.0.1', {})).toBe(400);
    expect(await status('127.0.0.1', { 'xkey-purge': 'all' })).toBe(200);
  });
});
