import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './create-fetcher.js';
import {
  OPEN_TO_TEST_SERVERS,
  TEST_USER_AGENT,
  hangingConnector,
  recordingConnector,
  scriptedResolver,
  startLoopbackServer,
  unreachableLog,
  type LoopbackServer,
} from '../../test/support/net-kit.js';
import type { FetcherOptions, GuardedFetcher } from './types.js';

let server: LoopbackServer;
const open: GuardedFetcher[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from loopback');
  });
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

/**
 * A fetcher under the production policy (loopback closed, ports 80, 443 and 8080) whose every
 * attempt is recorded, whose resolver is scripted, and whose operator log is kept.
 */
function harness(
  table: Parameters<typeof scriptedResolver>[0] = {},
  options: Partial<FetcherOptions> = {},
) {
  const dns = scriptedResolver(table);
  const socket = recordingConnector();
  const log = unreachableLog();
  const fetch = createFetcher({
    userAgent: TEST_USER_AGENT,
    resolve: dns.resolve,
    connect: socket.connect,
    onUnreachable: log.onUnreachable,
    ...options,
  });
  open.push(fetch);
  return { fetch, calls: dns.calls, attempts: socket.attempts, events: log.events };
}

/** The failure's code and, for `unreachable`, the cause and address the operator was told. */
async function failureOf(
  h: ReturnType<typeof harness>,
  url: string,
): Promise<{ code: string; cause?: string; address?: string }> {
  const before = h.events.length;
  const result = await h.fetch({ url });
  if (result.ok) throw new Error(`expected ${url} to be refused, got ${result.value.status}`);
  const { code } = result.error;
  if (code !== 'unreachable') return { code };
  const event = h.events[before];
  if (event === undefined) throw new Error(`no unreachable event for ${url}`);
  return event.address === undefined
    ? { code, cause: event.cause }
    : { code, cause: event.cause, address: event.address };
}

const refusedAddress = (address: string) => ({
  code: 'unreachable',
  cause: 'address_refused',
  address,
});

describe('URL policy', () => {
  it.each([
    ['ftp://example.test/file', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['javascript:alert(1)', 'scheme_not_allowed'],
    ['data:text/html,hi', 'scheme_not_allowed'],
    ['gopher://example.test:70/', 'scheme_not_allowed'],
    ['http://user:secret@example.test/', 'userinfo_not_allowed'],
    ['http://user@example.test/', 'userinfo_not_allowed'],
    ['not a url', 'invalid_url'],
    ['/relative/path', 'invalid_url'],
    ['http://', 'invalid_url'],
  ])('refuses %s with %s before resolving or connecting', async (url, code) => {
    const h = harness({ 'example.test': [['93.184.216.34']] });
    expect(await failureOf(h, url)).toEqual({ code });
    expect(h.calls).toEqual([]);
    expect(h.attempts).toEqual([]);
  });

  it('refuses a port outside allowedPorts and lets an allowed one through to connect', async () => {
    const h = harness({ 'example.test': [['93.184.216.34']] }, { allowedPorts: [80, 443] });
    expect(await failureOf(h, 'http://example.test:8080/')).toEqual({
      code: 'unreachable',
      cause: 'port_not_allowed',
    });
    expect(h.attempts).toEqual([]);
    // The recording connector refuses to contact a public address: the attempt is the proof.
    expect(await failureOf(h, 'https://example.test/')).toEqual({
      code: 'unreachable',
      cause: 'connect_failed',
      address: '93.184.216.34',
    });
    expect(h.attempts.map((a) => [a.address, a.port])).toEqual([['93.184.216.34', 443]]);
  });
});

describe('IP literal spellings of loopback', () => {
  it.each(['2130706433', '0177.0.0.1', '0x7f.0.0.1', '0x7f000001', '127.1', '127.0.0.1'])(
    'refuses http://%s/ when loopback is not allowed, without resolving or connecting',
    async (host) => {
      const h = harness();
      expect(await failureOf(h, `http://${host}/`)).toEqual(refusedAddress('127.0.0.1'));
      expect(h.calls).toEqual([]);
      expect(h.attempts).toEqual([]);
    },
  );

  it.each(['2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1'])(
    'reaches the loopback server through http://%s/ when loopback is allowed',
    async (host) => {
      const h = harness({}, OPEN_TO_TEST_SERVERS);
      const result = await h.fetch({ url: `http://${host}:${server.port}/` });
      expect(result.ok && result.value.body).toBe('hello from loopback');
      expect(h.attempts.map((a) => a.address)).toEqual(['127.0.0.1']);
    },
  );
});

describe('IPv6 literals', () => {
  it.each([
    ['[::1]', '::1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['[::ffff:10.0.0.1]', '::ffff:a00:1'],
    ['[fc00::]', 'fc00::'],
    ['[fd00::1]', 'fd00::1'],
    ['[fe80::1]', 'fe80::1'],
    ['[64:ff9b::a00:1]', '64:ff9b::a00:1'],
    ['[64:ff9b::7f00:1]', '64:ff9b::7f00:1'],
    ['[2002:a9fe:a9fe::]', '2002:a9fe:a9fe::'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[::]', '::'],
  ])('refuses http://%s/ without connecting', async (host, address) => {
    const h = harness();
    expect(await failureOf(h, `http://${host}/`)).toEqual(refusedAddress(address));
    expect(h.attempts).toEqual([]);
  });

  it('still refuses non-loopback IPv6 forms when loopback is allowed', async () => {
    const h = harness({}, { allowLoopback: true });
    for (const host of ['[fe80::1]', '[fc00::]', '[64:ff9b::7f00:1]', '[::ffff:10.0.0.1]']) {
      expect((await failureOf(h, `http://${host}/`)).cause).toBe('address_refused');
    }
    expect(h.attempts).toEqual([]);
  });
});

describe('names that resolve to refused addresses', () => {
  const loopbackAnswers = [['127.0.0.1', '::1']];

  it.each(['localhost', 'localhost.', 'LOCALHOST', 'LocalHost.'])(
    'refuses %s when loopback is not allowed',
    async (host) => {
      const h = harness({ localhost: loopbackAnswers, 'localhost.': loopbackAnswers });
      expect(await failureOf(h, `http://${host}/`)).toEqual(refusedAddress('127.0.0.1'));
      expect(h.attempts).toEqual([]);
    },
  );

  it('refuses a public-looking name whose resolver answers a private address', async () => {
    const h = harness({ 'intranet.example.com': [['10.20.30.40']] });
    expect(await failureOf(h, 'http://intranet.example.com/')).toEqual(
      refusedAddress('10.20.30.40'),
    );
    expect(h.attempts).toEqual([]);
  });

  it('refuses a name whose answers mix a public and a private address', async () => {
    const h = harness({ 'mixed.test': [['93.184.216.34', '192.168.0.10']] });
    expect(await failureOf(h, 'http://mixed.test/')).toEqual(refusedAddress('192.168.0.10'));
    expect(h.attempts).toEqual([]);
  });

  it('refuses the cloud metadata address by literal and by name', async () => {
    const h = harness({ 'metadata.google.internal': [['169.254.169.254']] });
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
    ]) {
      expect(await failureOf(h, url)).toEqual(refusedAddress('169.254.169.254'));
    }
    expect(h.attempts).toEqual([]);
  });

  it('opens a private range only when the allow list names it', async () => {
    const h = harness({ 'wiki.corp.test': [['10.0.0.5']] }, { allowList: ['10.0.0.0/24'] });
    expect((await failureOf(h, 'http://wiki.corp.test/')).cause).toBe('connect_failed');
    expect(h.attempts.map((a) => a.address)).toEqual(['10.0.0.5']);
  });
});

describe('DNS rebinding', () => {
  it('resolves once per connection and refuses a private second answer at connect time', async () => {
    const h = harness({ 'rebind.test': [['93.184.216.34'], ['10.0.0.1']] });
    // First answer public: the connector is asked for exactly that address (and, being the
    // recording connector, fails instead of contacting it).
    expect((await failureOf(h, 'http://rebind.test/')).cause).toBe('connect_failed');
    expect(h.calls).toEqual(['rebind.test']);
    // Second answer private: refused inside the connect step, the connector is never asked.
    expect(await failureOf(h, 'http://rebind.test/')).toEqual(refusedAddress('10.0.0.1'));
    expect(h.calls).toEqual(['rebind.test', 'rebind.test']);
    expect(h.attempts.map((a) => a.address)).toEqual(['93.184.216.34']);
  });

  it('refuses a host that rebinds to a private address between two hops of one fetch', async () => {
    const rebinding = await startLoopbackServer((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/next', connection: 'close' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('must not be reached');
      }
    });
    try {
      const h = harness({ 'rebind.test': [['127.0.0.1'], ['10.0.0.1']] }, OPEN_TO_TEST_SERVERS);
      expect(await failureOf(h, `http://rebind.test:${rebinding.port}/start`)).toEqual(
        refusedAddress('10.0.0.1'),
      );
      expect(h.attempts.map((a) => a.address)).toEqual(['127.0.0.1']);
      expect(rebinding.seen.map((r) => r.url)).toEqual(['/start']);
    } finally {
      await rebinding.close();
    }
  });
});

describe('resolution and connect failures', () => {
  it('reports a name that does not resolve or has no addresses as unreachable (dns_failure)', async () => {
    const h = harness({ 'empty.test': [[]] });
    const dnsFailure = { code: 'unreachable', cause: 'dns_failure' };
    expect(await failureOf(h, 'http://nxdomain.test/')).toEqual(dnsFailure);
    expect(await failureOf(h, 'http://empty.test/')).toEqual(dnsFailure);
    expect(h.attempts).toEqual([]);
  });

  it('gives up on a connection that does not open within connectTimeoutMs', async () => {
    const socket = hangingConnector();
    const fetch = createFetcher({
      userAgent: TEST_USER_AGENT,
      resolve: scriptedResolver({ 'slow.test': [['93.184.216.34']] }).resolve,
      connect: socket.connect,
      connectTimeoutMs: 50,
    });
    open.push(fetch);
    const result = await fetch({ url: 'http://slow.test/' });
    // No connection is unreachable, like a refused one; the whole-fetch timeout is 5 s, so only
    // the connect timeout can have ended this.
    expect(!result.ok && result.error.code).toBe('unreachable');
    expect(socket.attempts[0]?.signal.aborted).toBe(true);
  });
});
