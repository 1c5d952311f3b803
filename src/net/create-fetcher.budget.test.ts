import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OPEN_TO_TEST_SERVERS,
  TEST_USER_AGENT,
  recordingConnector,
  scriptedResolver,
  startLoopbackServer,
  type LoopbackServer,
} from '../../test/support/net-kit.js';
import { createFetcher } from './create-fetcher.js';
import type { FetcherOptions, GuardedFetcher } from './types.js';

let server: LoopbackServer;
const open: GuardedFetcher[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

/** Loopback open only on the test server's port, so other ports stay refused. */
function harness(table: Parameters<typeof scriptedResolver>[0], options: Partial<FetcherOptions>) {
  const dns = scriptedResolver(table);
  const socket = recordingConnector();
  const fetch = createFetcher({
    userAgent: TEST_USER_AGENT,
    allowLoopback: true,
    allowedPorts: [server.port],
    resolve: dns.resolve,
    connect: socket.connect,
    now: () => 0,
    ...options,
  });
  open.push(fetch);
  return { fetch, calls: dns.calls, attempts: socket.attempts };
}

const at = (host: string, path = '/') => `http://${host}:${server.port}${path}`;

describe('refused URLs spend no budget', () => {
  it('lets legitimate fetches through after a flood of URLs refused before any socket opened', async () => {
    const h = harness(
      { 'intranet.test': [['10.0.0.7']], 'metadata.test': [['169.254.169.254']] },
      { globalPerMinute: 2, perHostPerMinute: 2 },
    );
    const flood = [
      at('10.0.0.1'),
      at('intranet.test'),
      at('metadata.test'),
      at('[fd00::1]'),
      at('nxdomain.test'),
      'http://127.0.0.1:22/',
    ];
    for (let round = 0; round < 50; round += 1) {
      for (const url of flood) {
        const result = await h.fetch({ url });
        expect(!result.ok && result.error.code).toBe('unreachable');
      }
    }
    expect(h.attempts).toEqual([]);
    const first = await h.fetch({ url: at('127.0.0.1', '/one') });
    const second = await h.fetch({ url: at('127.0.0.1', '/two') });
    expect([first.ok, second.ok]).toEqual([true, true]);
    // The budget is still enforced for requests that do connect.
    const third = await h.fetch({ url: at('127.0.0.1', '/three') });
    expect(!third.ok && third.error.code).toBe('rate_limited');
  });

  it('keeps a host name budget whole while its name answers a refused address', async () => {
    // A name that answers a private address three times, then a public (here: loopback) one.
    const h = harness(
      { 'flip.test': [['10.0.0.1'], ['10.0.0.1'], ['10.0.0.1'], ['127.0.0.1']] },
      { perHostPerMinute: 1 },
    );
    for (let i = 0; i < 3; i += 1) {
      const refused = await h.fetch({ url: at('flip.test') });
      expect(!refused.ok && refused.error.code).toBe('unreachable');
    }
    const allowed = await h.fetch({ url: at('flip.test') });
    expect(allowed.ok && allowed.value.body).toBe('ok');
  });
});

describe('the budget follows the connected address', () => {
  it('gives one address behind twenty names the per-host figure, not twenty times it', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `alias${i}.test`);
    const h = harness(Object.fromEntries(names.map((n) => [n, [['127.0.0.1']]])), {
      perHostPerMinute: 3,
      globalPerMinute: 1_000,
    });
    const before = server.seen.length;
    const codes: string[] = [];
    for (const name of names) {
      const result = await h.fetch({ url: at(name) });
      codes.push(result.ok ? 'ok' : result.error.code);
    }
    expect(codes.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(new Set(codes.slice(3))).toEqual(new Set(['rate_limited']));
    expect(server.seen.length - before).toBe(3);
    // Refused at connect time, after the lookup and before any socket.
    expect(h.attempts).toHaveLength(3);
    expect(h.calls).toEqual(names);
  });

  it('counts every spelling of one address together', async () => {
    const h = harness(
      { 'v4.test': [['127.0.0.1']], 'mapped.test': [['::ffff:127.0.0.1']] },
      { perHostPerMinute: 1 },
    );
    expect((await h.fetch({ url: at('v4.test') })).ok).toBe(true);
    const mapped = await h.fetch({ url: at('mapped.test') });
    expect(!mapped.ok && mapped.error.code).toBe('rate_limited');
    const literal = await h.fetch({ url: at('127.0.0.1') });
    expect(!literal.ok && literal.error.code).toBe('rate_limited');
  });

  it('counts every request, not every connection, so a kept-alive socket cannot bypass it', async () => {
    const h = harness(
      { 'a.test': [['127.0.0.1']] },
      { perHostPerMinute: 1_000, perAddressPerMinute: 2 },
    );
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push((await h.fetch({ url: at('a.test') })).ok);
    expect(results).toEqual([true, true, false, false]);
    expect(h.attempts).toHaveLength(2);
  });

  it('counts each redirect hop against the address it reaches', async () => {
    const hops = await startLoopbackServer((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/end' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('end');
    });
    try {
      const fetch = createFetcher({
        userAgent: TEST_USER_AGENT,
        ...OPEN_TO_TEST_SERVERS,
        perAddressPerMinute: 1,
        now: () => 0,
      });
      open.push(fetch);
      const result = await fetch({ url: `${hops.origin}/start` });
      expect(!result.ok && result.error.code).toBe('rate_limited');
      expect(hops.seen.map((r) => r.url)).toEqual(['/start']);
    } finally {
      await hops.close();
    }
  });
});

describe('separate clients', () => {
  it('gives each fetcher its own budget, so a second client is not starved by the first', async () => {
    const linkbacks = harness({}, { globalPerMinute: 1 });
    const spamCheck = harness({}, { globalPerMinute: 1 });
    expect((await linkbacks.fetch({ url: at('127.0.0.1') })).ok).toBe(true);
    const spent = await linkbacks.fetch({ url: at('127.0.0.1') });
    expect(!spent.ok && spent.error.code).toBe('rate_limited');
    expect((await spamCheck.fetch({ url: at('127.0.0.1') })).ok).toBe(true);
  });
});
