import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './create-fetcher.js';
import {
  OPEN_TO_TEST_SERVERS,
  TEST_USER_AGENT,
  recordingConnector,
  unreachableLog,
  scriptedResolver,
  startLoopbackServer,
  type LoopbackServer,
} from '../../test/support/net-kit.js';
import type { FetcherOptions, GuardedFetcher } from './types.js';

let server: LoopbackServer;
let fetcher: GuardedFetcher;
let attempts: ReturnType<typeof recordingConnector>['attempts'];
let events: ReturnType<typeof unreachableLog>['events'];

/** Routes: /hops/N redirects N times; /to?u=URL&s=STATUS redirects to URL; /echo answers. */
beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const hops = /^\/hops\/(\d+)$/.exec(url.pathname);
    if (hops !== null) {
      const left = Number(hops[1]);
      if (left > 0) res.writeHead(302, { location: `/hops/${left - 1}` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
      return;
    }
    if (url.pathname === '/to') {
      const status = Number(url.searchParams.get('s') ?? '302');
      res.writeHead(status, { location: url.searchParams.get('u') ?? '' }).end('moved');
      return;
    }
    if (url.pathname === '/no-location') {
      res.writeHead(302, { 'content-type': 'text/plain' }).end('nowhere');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${url.pathname}`);
  });
});
afterAll(() => server.close());
afterEach(() => fetcher.close());

function makeFetcher(options: Partial<FetcherOptions> = {}): GuardedFetcher {
  const socket = recordingConnector();
  const log = unreachableLog();
  attempts = socket.attempts;
  events = log.events;
  fetcher = createFetcher({
    userAgent: TEST_USER_AGENT,
    ...OPEN_TO_TEST_SERVERS,
    resolve: scriptedResolver({ localhost: [['127.0.0.1']], 'evil.test': [['10.0.0.1']] }).resolve,
    connect: socket.connect,
    onUnreachable: log.onUnreachable,
    ...options,
  });
  return fetcher;
}

const to = (target: string, status = 302): string =>
  `${server.origin}/to?s=${status}&u=${encodeURIComponent(target)}`;

describe('redirects', () => {
  it('follows five redirects by default and reports each hop', async () => {
    const result = await makeFetcher()({ url: `${server.origin}/hops/5` });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.body).toBe('arrived');
    expect(result.value.url).toBe(`${server.origin}/hops/0`);
    expect(result.value.redirects).toHaveLength(5);
  });

  it('refuses a sixth redirect with too_many_redirects', async () => {
    const result = await makeFetcher()({ url: `${server.origin}/hops/6` });
    expect(!result.ok && result.error.code).toBe('too_many_redirects');
  });

  it('honours a per-call maxRedirects', async () => {
    const result = await makeFetcher()({ url: `${server.origin}/hops/2`, maxRedirects: 1 });
    expect(!result.ok && result.error.code).toBe('too_many_redirects');
  });

  it('resolves a relative Location against the URL that sent it', async () => {
    const result = await makeFetcher()({ url: to('../echo/final?x=1') });
    expect(result.ok && result.value.url).toBe(`${server.origin}/echo/final?x=1`);
  });

  it('returns a redirect status without Location as an ordinary response', async () => {
    const result = await makeFetcher()({ url: `${server.origin}/no-location` });
    expect(result.ok && [result.value.status, result.value.body]).toEqual([302, 'nowhere']);
  });

  it.each([
    ['http://10.0.0.1/', '10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[fd00::1]/', 'fd00::1'],
    ['http://evil.test/', '10.0.0.1'],
  ])(
    'refuses a redirect into %s without attempting a connection to it',
    async (target, address) => {
      const result = await makeFetcher()({ url: to(target) });
      expect(!result.ok && result.error.code).toBe('unreachable');
      expect(events.map((e) => [e.cause, e.address])).toEqual([['address_refused', address]]);
      expect(attempts.map((a) => a.address)).toEqual(['127.0.0.1']);
    },
  );

  it.each([
    ['ftp://example.test/', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['javascript:alert(1)', 'scheme_not_allowed'],
    ['http://user:pw@127.0.0.1/', 'userinfo_not_allowed'],
    ['http://[::1', 'invalid_url'],
  ])('refuses a redirect to %s with %s', async (target, code) => {
    const result = await makeFetcher()({ url: to(target) });
    expect(!result.ok && result.error.code).toBe(code);
  });

  it('refuses a redirect to a port outside allowedPorts', async () => {
    const f = makeFetcher({ allowedPorts: [server.port] });
    const result = await f({ url: to('http://127.0.0.1:9/') });
    expect(!result.ok && result.error.code).toBe('unreachable');
    expect(events.map((e) => e.cause)).toEqual(['port_not_allowed']);
    expect(attempts.map((a) => a.port)).toEqual([server.port]);
  });

  it.each([301, 302, 303])('turns POST into a bodiless GET on %i', async (status) => {
    const f = makeFetcher();
    const result = await f({
      url: to('/echo/after', status),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'source=a&target=b',
    });
    expect(result.ok && result.value.body).toBe('GET /echo/after');
    const last = server.seen.at(-1);
    expect([last?.body, last?.headers['content-type']]).toEqual(['', undefined]);
  });

  it.each([307, 308])('repeats POST with its body on %i', async (status) => {
    const f = makeFetcher();
    const result = await f({ url: to('/echo/after', status), method: 'POST', body: 'kept' });
    expect(result.ok && result.value.body).toBe('POST /echo/after');
    expect(server.seen.at(-1)?.body).toBe('kept');
  });

  it('drops Authorization when a redirect leaves the origin', async () => {
    const f = makeFetcher();
    const other = `http://localhost:${server.port}/echo/elsewhere`;
    const result = await f({ url: to(other), headers: { authorization: 'Bearer secret' } });
    expect(result.ok && result.value.url).toBe(other);
    const [first, second] = server.seen.slice(-2);
    expect(first?.headers.authorization).toBe('Bearer secret');
    expect(second?.headers.authorization).toBeUndefined();
  });
});
