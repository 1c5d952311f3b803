import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './create-fetcher.js';
import {
  OPEN_TO_TEST_SERVERS,
  TEST_USER_AGENT,
  recordingConnector,
  scriptedResolver,
  startLoopbackServer,
  type LoopbackServer,
} from '../../test/support/net-kit.js';
import type { FetcherOptions, GuardedFetcher } from './types.js';

let server: LoopbackServer;
let fetcher: GuardedFetcher;
const held: ServerResponse[] = [];
const timers: NodeJS.Timeout[] = [];
// ~50 MB of zeros gzip to ~50 KB: a decompression bomb.
const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
const MiB = 1024 * 1024;
// A 3 MB page whose link to us sits in its first kilobyte.
const bigPage = Buffer.concat([
  Buffer.from('<!doctype html><p><a href="https://news.example/2026/01/story/">story</a></p>'),
  Buffer.alloc(3 * 1000 * 1000, 'x'),
]);

const routes: Record<string, (res: ServerResponse) => void> = {
  '/bomb': (res) =>
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb),
  '/big-declared': (res) => {
    const body = Buffer.alloc(2 * 1024 * 1024, 97);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }).end(body);
  },
  '/big-page': (res) =>
    res
      .writeHead(200, { 'content-type': 'text/html', 'content-length': bigPage.length })
      .end(bigPage),
  '/exactly-cap': (res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MiB)),
  '/big-chunked': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 32; i += 1) res.write(Buffer.alloc(64 * 1024, 98));
    res.end();
  },
  '/drip': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    timers.push(setInterval(() => res.write('.'), 200));
  },
  '/binary': (res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x'),
  '/untyped': (res) => res.writeHead(200).end('no type'),
  '/gone': (res) => res.writeHead(410, { 'content-type': 'text/html' }).end('<p>gone</p>'),
  '/missing-binary': (res) =>
    res.writeHead(404, { 'content-type': 'application/octet-stream' }).end('xx'),
  '/links': (res) =>
    res
      .writeHead(200, {
        'content-type': 'text/html',
        link: ['<https://a.example/wm>; rel="webmention"', '<https://a.example/pb>; rel=pingback'],
      })
      .end('<p>hi</p>'),
  '/latin1': (res) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset="ISO-8859-1"' })
      .end(Buffer.from([0x63, 0x61, 0x66, 0xe9])),
  '/br': (res) =>
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' })
      .end(zlib.brotliCompressSync('{"é":1}')),
  '/deflate': (res) =>
    res
      .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'deflate' })
      .end(zlib.deflateSync('deflated')),
  '/hold': (res) => held.push(res.writeHead(200, { 'content-type': 'text/plain' })),
};

beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route === undefined) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else route(res);
  });
});
afterAll(() => server.close());
afterEach(async () => {
  timers.splice(0).forEach(clearInterval);
  held.splice(0).forEach((res) => res.end());
  await fetcher.close();
});

function makeFetcher(options: Partial<FetcherOptions> = {}): GuardedFetcher {
  fetcher = createFetcher({
    userAgent: TEST_USER_AGENT,
    ...OPEN_TO_TEST_SERVERS,
    resolve: scriptedResolver({ 'a.test': [['127.0.0.1']], 'b.test': [['127.0.0.1']] }).resolve,
    connect: recordingConnector().connect,
    ...options,
  });
  return fetcher;
}

const get = (path: string, extra: Partial<Parameters<GuardedFetcher>[0]> = {}) =>
  fetcher({ url: `${server.origin}${path}`, ...extra });

describe('size and time caps', () => {
  it('returns the first MiB of a 3 MB page, marked truncated, with the link at its start', async () => {
    makeFetcher();
    const result = await get('/big-page');
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    expect(result.value.truncated).toBe(true);
    expect(result.value.bytes.length).toBe(MiB);
    expect(result.value.body).toContain('href="https://news.example/2026/01/story/"');
  });

  it('stops a gzip bomb at the decoded cap and returns what it decoded, truncated', async () => {
    makeFetcher();
    const result = await get('/bomb', { maxBytes: MiB });
    if (!result.ok) throw new Error(result.error.message);
    expect([result.value.truncated, result.value.bytes.length]).toEqual([true, MiB]);
  });

  it('reads a body whose declared length is over the cap up to the cap', async () => {
    makeFetcher({ maxBytes: MiB });
    const result = await get('/big-declared');
    expect(result.ok && [result.value.truncated, result.value.bytes.length]).toEqual([true, MiB]);
  });

  it('stops a chunked body without a length at the cap, truncated', async () => {
    makeFetcher({ maxBytes: MiB });
    const result = await get('/big-chunked');
    expect(result.ok && [result.value.truncated, result.value.body]).toEqual([
      true,
      'b'.repeat(MiB),
    ]);
  });

  it('does not mark a body of exactly the cap, or a small one, truncated', async () => {
    makeFetcher({ maxBytes: MiB });
    const exact = await get('/exactly-cap');
    expect(exact.ok && [exact.value.truncated, exact.value.bytes.length]).toEqual([false, MiB]);
    const small = await get('/');
    expect(small.ok && [small.value.truncated, small.value.body]).toEqual([false, 'ok']);
  });

  it('honours a per-call cap below the fetcher one', async () => {
    makeFetcher();
    const result = await get('/big-page', { maxBytes: 64 });
    expect(result.ok && [result.value.truncated, result.value.bytes.length]).toEqual([true, 64]);
  });

  it('times out a body that drips one byte every 200 ms', async () => {
    makeFetcher();
    const started = Date.now();
    const result = await get('/drip', { timeoutMs: 1_000 });
    expect(!result.ok && result.error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_800);
  });
});

describe('content types and decoding', () => {
  it.each(['/binary', '/untyped'])('refuses a 2xx %s body outside the allowlist', async (path) => {
    makeFetcher();
    const result = await get(path);
    expect(!result.ok && result.error.code).toBe('unsupported_content_type');
  });

  it('accepts any type when the caller allows */*', async () => {
    makeFetcher();
    const result = await get('/binary', { accept: ['*/*'] });
    expect(result.ok && result.value.contentType).toBe('application/octet-stream');
  });

  it('returns non-2xx statuses as responses, with the body only when its type is allowed', async () => {
    makeFetcher();
    const gone = await get('/gone');
    expect(gone.ok && [gone.value.status, gone.value.body]).toEqual([410, '<p>gone</p>']);
    const missing = await get('/missing-binary');
    expect(missing.ok && [missing.value.status, missing.value.body]).toEqual([404, '']);
  });

  it('keeps every Link header line retrievable', async () => {
    makeFetcher();
    const result = await get('/links');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.headers.getAll('Link')).toEqual([
      '<https://a.example/wm>; rel="webmention"',
      '<https://a.example/pb>; rel=pingback',
    ]);
    expect(result.value.headers.get('link')).toContain(', ');
  });

  it('decodes the declared charset, brotli and deflate', async () => {
    makeFetcher();
    const latin = await get('/latin1');
    expect(latin.ok && latin.value.body).toBe('café');
    const br = await get('/br');
    expect(br.ok && JSON.parse(br.value.body)).toEqual({ é: 1 });
    const deflate = await get('/deflate');
    expect(deflate.ok && deflate.value.body).toBe('deflated');
  });

  it('sends the configured User-Agent whatever the caller asks', async () => {
    makeFetcher();
    await get('/', { headers: { 'User-Agent': 'curl/8', 'X-Trace': 't1' } });
    const seen = server.seen.at(-1);
    expect(seen?.headers['user-agent']).toBe(TEST_USER_AGENT);
    expect(seen?.headers['x-trace']).toBe('t1');
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('outbound budget', () => {
  it('refuses a third concurrent request to one host without contacting it', async () => {
    makeFetcher();
    const before = server.seen.length;
    const first = get('/hold');
    const second = get('/hold');
    while (held.length < 2) await new Promise((r) => setTimeout(r, 5));
    const third = await get('/hold');
    expect(!third.ok && third.error.code).toBe('rate_limited');
    expect(server.seen.length - before).toBe(2);
    held.splice(0).forEach((res) => res.end('released'));
    const done = await Promise.all([first, second]);
    expect(done.map((r) => r.ok && r.value.body)).toEqual(['released', 'released']);
  });

  it('refuses a host past its per-minute budget until the minute rolls on', async () => {
    let now = 0;
    makeFetcher({ perHostPerMinute: 2, now: () => now });
    expect((await get('/')).ok).toBe(true);
    expect((await get('/')).ok).toBe(true);
    const before = server.seen.length;
    const refused = await get('/');
    expect(!refused.ok && refused.error.code).toBe('rate_limited');
    expect(server.seen.length).toBe(before);
    now += 60_000;
    expect((await get('/')).ok).toBe(true);
  });

  it('refuses every host once the global per-minute budget is spent, before resolving', async () => {
    const dns = scriptedResolver({ 'a.test': [['127.0.0.1']], 'b.test': [['127.0.0.1']] });
    makeFetcher({ globalPerMinute: 2, resolve: dns.resolve, now: () => 0 });
    const url = (host: string) => `http://${host}:${server.port}/`;
    expect((await fetcher({ url: url('a.test') })).ok).toBe(true);
    expect((await fetcher({ url: url('b.test') })).ok).toBe(true);
    const refused = await fetcher({ url: url('c.test') });
    expect(!refused.ok && refused.error.code).toBe('rate_limited');
    expect(dns.calls).toEqual(['a.test', 'b.test']);
  });
});
