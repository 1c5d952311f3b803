/**
 * /healthz, /readyz and /metrics on a real server over both dialects, request ids, and hostile
 * input to all of them.
 */
import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { opsApp } from '../src/web/ops/ops-app.js';
import { describeEachDialect } from './support/dialects.js';
import { heldComment } from './support/edits.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startLoopbackServer } from './support/net-kit.js';
import { parsePrometheusText } from './support/prometheus-text.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

/** Sends raw bytes and returns the raw answer (the server closes after one request). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describeEachDialect('operations endpoints', (dialect) => {
  let site: SiteHarness | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  it('answers /healthz without caching, and /readyz while the schema is current', async () => {
    site = await startSite(dialect);
    const health = await site.get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect(health.headers.get('cache-control')).toBe('no-store');
    const ready = await site.get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
  });

  it('answers /readyz 503 with a reason when a migration has not run', async () => {
    site = await startSite(dialect);
    const { rows } = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc limit 1`.execute(site.rt.store.db);
    await sql`delete from kysely_migration where name = ${rows[0]!.name}`.execute(site.rt.store.db);
    const res = await site.get('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: 'migrations_pending' });
    // Liveness does not depend on the database.
    expect((await site.get('/healthz')).status).toBe(200);
  });

  it('serves metrics that parse as Prometheus text, labelled by route pattern', async () => {
    const source = await startLoopbackServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'),
    );
    site = await startSite(dialect, {
      env: {
        NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
        NEWSDESK_FETCH_ALLOWED_PORTS: String(source.port),
      },
    });
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { publish: { kind: 'draft' } });
    await site.rt.jobs.queue.enqueue({
      task: 'publish-article',
      payload: { articleId: article.id },
    });
    await heldComment(deps, article.id, 'Waiting');
    const shown = await heldComment(deps, article.id, 'Shown');
    await moderateItem(deps, { itemId: shown.id, to: 'approved', actor: 'cli:test' });
    await site.rt.fetcher({ url: `${source.origin}/page` });
    await source.close();
    await site.get('/');
    await site.get('/');
    await site.get('/2026/01/no-such-story/');
    await site.get('/nothing/here/at-all');

    const res = await site.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    const families = parsePrometheusText(text);
    const samples = (name: string) => families.get(name)?.samples ?? [];

    const routes = new Set(samples('newsdesk_http_requests_total').map((s) => s.labels.route));
    expect(routes).toContain('/');
    expect(routes).toContain('/:year/:month/:slug/');
    expect(routes).toContain('other');
    expect(text).not.toContain('no-such-story');
    expect(families.get('newsdesk_http_request_duration_seconds')?.type).toBe('histogram');

    const lookups = samples('newsdesk_page_cache_lookups_total');
    expect(lookups.find((s) => s.labels.result === 'miss')?.value).toBeGreaterThan(0);
    expect(families.get('newsdesk_page_cache_entries')?.type).toBe('gauge');

    const queued = samples('newsdesk_jobs_queued').find((s) => s.labels.task === 'publish-article');
    expect(queued?.value).toBeGreaterThanOrEqual(1);
    expect(
      samples('newsdesk_jobs_oldest_due_seconds').some((s) => s.labels.task === 'publish-article'),
    ).toBe(true);

    const items = samples('newsdesk_discussion_items');
    expect(
      items.find((s) => s.labels.kind === 'comment' && s.labels.status === 'pending')?.value,
    ).toBe(1);
    expect(
      items.find((s) => s.labels.kind === 'comment' && s.labels.status === 'approved')?.value,
    ).toBe(1);

    const fetches = samples('newsdesk_outbound_fetches_total');
    expect(fetches).toContainEqual({
      name: 'newsdesk_outbound_fetches_total',
      labels: { fetcher: 'linkbacks', result: 'ok' },
      value: 1,
    });
  });

  it('hides /metrics from addresses outside the allow list unless the bearer token is sent', async () => {
    const token = 'metrics-token-0123456789';
    site = await startSite(dialect, {
      env: { NEWSDESK_METRICS_ALLOW: '10.0.0.0/8,192.0.2.1', NEWSDESK_METRICS_TOKEN: token },
    });
    expect((await site.get('/metrics')).status).toBe(404);
    for (const authorization of [
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${token}`,
      `Bearer ${'x'.repeat(8000)}`,
      'Bearer ',
    ]) {
      const res = await site.get('/metrics', { headers: { authorization } });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('newsdesk_');
    }
    const allowed = await site.get('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('newsdesk_http_requests_total');
  });

  it('echoes a well-formed X-Request-Id and replaces a hostile one', async () => {
    site = await startSite(dialect);
    const given = await site.get('/healthz', { headers: { 'x-request-id': 'edge-4f2a:91' } });
    expect(given.headers.get('x-request-id')).toBe('edge-4f2a:91');
    for (const hostile of ['x'.repeat(10_000), 'has space', '"quoted"', '<script>', 'a,b']) {
      const res = await site.get('/', { headers: { 'x-request-id': hostile } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const none = await site.get('/healthz');
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const { port } = new URL(site.base);
    // A CRLF ends the header: the id is what came before it, and nothing is injected.
    const split = await rawRequest(
      Number(port),
      'GET /healthz HTTP/1.1\r\nHost: news.test\r\nX-Request-Id: abc\r\nX-Injected: 1\r\nConnection: close\r\n\r\n',
    );
    expect(split).toMatch(/^HTTP\/1\.1 200/);
    expect(split).toMatch(/\r\nX-Request-Id: abc\r\n/i);
    expect(split.toLowerCase()).not.toContain('x-injected');
    // A bare CR inside the value is refused by the HTTP parser before any handler runs.
    const bare = await rawRequest(
      Number(port),
      'GET /healthz HTTP/1.1\r\nHost: news.test\r\nX-Request-Id: a\rSet-Cookie: x=1\r\nConnection: close\r\n\r\n',
    );
    expect(bare).toMatch(/^HTTP\/1\.1 400/);
    expect(bare.toLowerCase()).not.toContain('set-cookie');
    expect((await site.get('/healthz')).status).toBe(200);
  });
});

describe('readiness answers', () => {
  const base = {
    metrics: async () => ({ contentType: 'text/plain', body: '' }),
    metricsAllowed: () => false,
    clientIp: () => null,
  };

  it('is 503 shutting_down while the node drains, and never shows a failure detail', async () => {
    const draining = opsApp({
      ...base,
      draining: () => true,
      readiness: async () => ({ ready: true }),
    });
    const res = await draining.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: 'shutting_down' });
    const broken = opsApp({
      ...base,
      draining: () => false,
      readiness: async () => {
        throw new Error('connect ECONNREFUSED db.internal:5432');
      },
    });
    const down = await broken.request('/readyz');
    expect(down.status).toBe(503);
    expect(await down.text()).toBe('{"ready":false,"reason":"database_unreachable"}');
  });
});
