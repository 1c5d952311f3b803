/**
 * Retries, backoff and hostile receivers, on a pinned clock (the SQLite queue runs jobs by it;
 * the outbound budget counts its minutes by it). W3C Webmention §3.1.3 leaves retries to the
 * sender: ours are a capped exponential backoff for 5xx and network errors (1, 2, 4, 8, 16 min,
 * ±20 %, six attempts), `Retry-After` on 429, none for other 4xx. Every request goes through
 * the guarded fetcher, so private addresses, redirect loops and endless bodies are refused or
 * capped there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from './support/dialects.js';
import {
  pythonXmlRpc,
  startPeer,
  webmentionPage,
  xmlRpcFault,
  xmlRpcSuccess,
  type Peer,
  type PeerAnswer,
} from './support/peer-kit.js';
import { scriptedResolver, simulatedInternet, startLoopbackServer } from './support/net-kit.js';
import { SITE, startSendDesk, type SendDesk } from './support/send-kit.js';

const [sqlite] = testDialects();
if (!sqlite) throw new Error('SQLite is always available');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Answers from a list, one per request, the last one repeating. */
function sequence(...answers: PeerAnswer[]): () => PeerAnswer {
  let n = 0;
  return () => answers[Math.min(n++, answers.length - 1)] as PeerAnswer;
}

describe('sending linkbacks: retries and backoff on a pinned clock', () => {
  let desk: SendDesk;
  let peer: Peer;
  beforeEach(async () => {
    peer = await startPeer();
    desk = await startSendDesk(sqlite);
  });
  afterEach(async () => {
    await desk.close();
    await peer.close();
  });

  it('H105 a 5xx is retried after 1 then 2 minutes (±20 %), the POST alone, never before it is due', async () => {
    const endpoint = peer.route(
      '/wm',
      sequence(
        { status: 503 },
        { status: 500 },
        { status: 201, headers: { location: '/status/9' } },
      ),
    );
    const page = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[a](${page})`);
    await desk.settle();
    const posts = () => peer.requests('/wm', 'POST').length;
    expect(posts()).toBe(1);
    let [row] = await desk.ledger(article.id);
    expect(row).toMatchObject({
      status: 'queued',
      attempts: 1,
      httpStatus: 503,
      lastError: 'http_503',
    });
    const wait = (row?.nextAttemptAt?.getTime() ?? 0) - desk.time.clock().getTime();
    expect(wait).toBeGreaterThanOrEqual(0.8 * MINUTE);
    expect(wait).toBeLessThanOrEqual(1.2 * MINUTE);
    await desk.advance(45 * SECOND);
    expect(posts()).toBe(1);
    await desk.advance(30 * SECOND);
    expect(posts()).toBe(2);
    [row] = await desk.ledger(article.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2, httpStatus: 500 });
    await desk.advance(90 * SECOND);
    expect(posts()).toBe(2);
    await desk.advance(60 * SECOND);
    expect(posts()).toBe(3);
    [row] = await desk.ledger(article.id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 3,
      httpStatus: 201,
      statusUrl: `${peer.origin}/status/9`,
      lastError: null,
    });
    // The endpoint was found once; the retries POSTed to it again without a new GET.
    expect(peer.requests('/a', 'GET')).toHaveLength(1);
  });

  it('H106 a 429 waits exactly its Retry-After', async () => {
    const endpoint = peer.route(
      '/wm',
      sequence({ status: 429, headers: { 'retry-after': '300' } }, { status: 202 }),
    );
    const page = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[a](${page})`);
    await desk.settle();
    await desk.advance(299 * SECOND);
    expect(peer.requests('/wm', 'POST')).toHaveLength(1);
    await desk.advance(2 * SECOND);
    expect(peer.requests('/wm', 'POST')).toHaveLength(2);
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      httpStatus: 202,
    });
  });

  it('H107 another 4xx is final: no retry, the ledger keeps the status', async () => {
    const endpoint = peer.route('/wm', {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"target_not_supported"}',
    });
    const page = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[a](${page})`);
    await desk.settle();
    await desk.advance(3 * 60 * MINUTE);
    expect(peer.requests('/wm', 'POST')).toHaveLength(1);
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'failed',
      httpStatus: 400,
      attempts: 1,
      lastError: 'http_400',
      nextAttemptAt: null,
    });
  });

  it('H108 an endpoint that answers 500 for ever is given up after six attempts, the ledger saying so', async () => {
    const endpoint = peer.route('/wm', { status: 500 });
    const page = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[a](${page})`);
    await desk.settle();
    for (let i = 0; i < 8; i++) await desk.advance(20 * MINUTE);
    expect(peer.requests('/wm', 'POST')).toHaveLength(6);
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'gave_up',
      attempts: 6,
      httpStatus: 500,
      lastError: 'http_500',
      nextAttemptAt: null,
    });
  });

  it('H109 a network error (nothing listening) is retried like a 5xx', async () => {
    const closed = await startLoopbackServer(() => {});
    const deadEndpoint = `${closed.origin}/wm`;
    await closed.close();
    const page = peer.route('/a', webmentionPage(deadEndpoint));
    const { article } = await desk.publish(`[a](${page})`);
    await desk.settle();
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'unreachable',
    });
    await desk.advance(2 * MINUTE);
    expect((await desk.ledger(article.id))[0]).toMatchObject({ status: 'queued', attempts: 2 });
  });

  it('D60 Pingback fault 0 is retried (bounded), then a success is recorded', async () => {
    const rpc = peer.route('/rpc', sequence(xmlRpcFault(0, ''), xmlRpcSuccess('thanks')));
    const page = peer.route('/p', { headers: { 'X-Pingback': rpc }, body: '' });
    const { article } = await desk.publish(`[p](${page})`);
    await desk.settle();
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'queued',
      lastError: 'fault_0',
    });
    await desk.advance(2 * MINUTE);
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      protocol: 'pingback',
    });
  });

  it('H110 hostile receivers: a redirect loop, a redirected POST, huge pages and answers', async () => {
    peer.route('/loop', { status: 302, headers: { location: '/loop' } });
    const bigEndpoint = peer.route('/wm-big', { status: 202, body: 'x'.repeat(3 * 1024 * 1024) });
    peer.route('/elsewhere', { status: 202 });
    const movedEndpoint = peer.route('/wm-moved', {
      status: 307,
      headers: { location: '/elsewhere' },
    });
    const huge = peer.route('/huge', {
      body: `<html><head><link rel="webmention" href="/wm-big"></head><body>${'<p>filler</p>'.repeat(400_000)}</body></html>`,
    });
    const moved = peer.route('/moved', webmentionPage(movedEndpoint));
    const loop = `${peer.origin}/loop`;
    const { article } = await desk.publish(`[l](${loop}) [h](${huge}) [m](${moved})`);
    await desk.settle();
    const rows = new Map((await desk.ledger(article.id)).map((r) => [r.targetUrl, r]));
    expect(rows.get(loop)).toMatchObject({ status: 'failed', lastError: 'too_many_redirects' });
    expect(peer.requests('/loop').length).toBe(6);
    expect(rows.get(huge)).toMatchObject({
      status: 'sent',
      endpoint: bigEndpoint,
      httpStatus: 202,
    });
    expect(rows.get(moved)).toMatchObject({ status: 'failed', lastError: 'endpoint_redirected' });
    expect(peer.requests('/elsewhere')).toEqual([]);
  });
});

describe('sending linkbacks: endpoints on private addresses', () => {
  it('D61 H111 an endpoint or Pingback server on a private address is never contacted; the ledger records the refusal', async () => {
    const site = await startPeer();
    const victim = '93.184.216.40';
    site.route('/wm-page', webmentionPage('http://10.0.0.5/webmention'));
    site.route('/named', webmentionPage('http://intranet.corp.test/hook'));
    site.route('/meta', webmentionPage('http://169.254.169.254/latest/meta-data/'));
    site.route('/pb', { headers: { 'X-Pingback': 'http://[fd00::1]/xmlrpc.php' }, body: '' });
    const resolver = scriptedResolver({
      'blog.example': [[victim]],
      'intranet.corp.test': [['192.168.1.10']],
    });
    const internet = simulatedInternet({ [`${victim}:80`]: site.server.port });
    const desk = await startSendDesk(sqlite, {
      fetcher: { allowLoopback: false, resolve: resolver.resolve, connect: internet.connect },
    });
    try {
      const links = ['/wm-page', '/named', '/meta', '/pb'].map((p) => `http://blog.example${p}`);
      const { article } = await desk.publish(links.map((l) => `[x](${l})`).join(' '));
      await desk.settle();
      for (let i = 0; i < 8; i++) await desk.advance(20 * MINUTE);
      expect(internet.attempts.map((a) => a.address).every((a) => a === victim)).toBe(true);
      expect(site.server.seen.every((r) => r.method === 'GET')).toBe(true);
      const ledger = await desk.ledger(article.id);
      expect(ledger.map((r) => [r.status, r.lastError, r.attempts])).toEqual(
        links.map(() => ['gave_up', 'unreachable', 6]),
      );
    } finally {
      await desk.close();
      await site.close();
    }
  });
});

describe('sending linkbacks: reflector safety', () => {
  it('H112 500 links to one host go out at most 2 at a time and 60 a minute, none lost', async () => {
    const peer = await startPeer();
    const desk = await startSendDesk(sqlite, {
      concurrency: 8,
      fetcher: { perHostConcurrency: 2, perHostPerMinute: 60, globalPerMinute: 300 },
    });
    try {
      const times: number[] = [];
      const endpoint = peer.route('/wm', () => {
        times.push(desk.time.clock().getTime());
        return { status: 202, delayMs: 5 };
      });
      const links: string[] = [];
      for (let i = 0; i < 500; i++) {
        links.push(
          peer.route(`/post/${i}`, () => {
            times.push(desk.time.clock().getTime());
            return { ...webmentionPage(endpoint), delayMs: 5 };
          }),
        );
      }
      const { article } = await desk.publish(links.map((l, i) => `[${i}](${l})`).join('\n\n'));
      await desk.settle();
      for (let step = 0; step < 400 && peer.requests('/wm', 'POST').length < 500; step++) {
        await desk.advance(10 * SECOND);
      }
      const ledger = await desk.ledger(article.id);
      expect(ledger).toHaveLength(500);
      expect(ledger.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      const posted = peer
        .requests('/wm', 'POST')
        .map((r) => new URLSearchParams(r.body).get('target'));
      expect(new Set(posted).size).toBe(500);
      expect(posted).toHaveLength(500);
      expect(peer.maxInFlight()).toBeLessThanOrEqual(2);
      // Any 60 s of the pinned clock saw at most 60 requests to the host.
      times.sort((a, b) => a - b);
      let busiest = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while ((times[i] as number) - (times[j] as number) >= MINUTE) j++;
        busiest = Math.max(busiest, i - j + 1);
      }
      expect(times).toHaveLength(1000);
      expect(busiest).toBeLessThanOrEqual(60);
    } finally {
      await desk.close();
      await peer.close();
    }
  }, 180_000);
});

describe('update services', () => {
  it('H113 are off by default: publishing queues no ping', async () => {
    const desk = await startSendDesk(sqlite);
    try {
      await desk.publish('No links.');
      const jobs = await desk.rt.jobs.queue.list({ limit: 100 });
      expect(jobs.filter((j) => j.task === 'ping-update-service')).toEqual([]);
    } finally {
      await desk.close();
    }
  });

  it('H114 weblogUpdates.extendedPing (ping as the fallback) and a WebSub publish go to the configured URLs on publish', async () => {
    const peer = await startPeer();
    const extended = peer.route('/rpc', () => ({
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>flerror</name><value><boolean>0</boolean></value></member><member><name>message</name><value>Thanks for the ping.</value></member></struct></value></param></params></methodResponse>',
    }));
    const old = peer.route('/old-rpc', (req, seen) =>
      seen.body.includes('extendedPing')
        ? xmlRpcFault(-32601, 'server error. requested method not found')
        : xmlRpcSuccess('ok'),
    );
    const hub = peer.route('/hub', sequence({ status: 503 }, { status: 204 }));
    const desk = await startSendDesk(sqlite, {
      env: { NEWSDESK_PING_SERVICES: `${extended}, ${old}`, NEWSDESK_WEBSUB_HUBS: hub },
    });
    try {
      const { url } = await desk.publish('Fresh news.');
      await desk.settle();
      const [ping] = peer.requests('/rpc', 'POST');
      expect(ping?.headers['content-type']).toBe('text/xml');
      expect(pythonXmlRpc(ping?.body ?? '')).toEqual({
        method: 'weblogUpdates.extendedPing',
        params: ['The Test Gazette', `${SITE}/`, url, `${SITE}/`],
      });
      const oldCalls = peer.requests('/old-rpc', 'POST').map((r) => pythonXmlRpc(r.body));
      expect(oldCalls.map((c) => c.method)).toEqual([
        'weblogUpdates.extendedPing',
        'weblogUpdates.ping',
      ]);
      expect(oldCalls[1]?.params).toEqual(['The Test Gazette', `${SITE}/`]);
      // The hub answered 503 first: the queue tries again after its backoff.
      await desk.advance(10 * SECOND);
      const hubCalls = peer.requests('/hub', 'POST');
      expect(hubCalls).toHaveLength(2);
      expect(hubCalls[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(hubCalls[1]?.body).toBe(`hub.mode=publish&hub.url=${encodeURIComponent(`${SITE}/`)}`);
    } finally {
      await desk.close();
      await peer.close();
    }
  });
});
