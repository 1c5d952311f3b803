import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_USER_AGENT,
  recordingConnector,
  scriptedResolver,
  simulatedInternet,
  startLoopbackServer,
  unreachableLog,
  type LoopbackServer,
} from '../../test/support/net-kit.js';
import { createFetcher } from './create-fetcher.js';
import type { FetchFailure, FetcherOptions, GuardedFetcher } from './types.js';

// Documentation and public-looking addresses, only ever handed to injected connectors.
const PUBLIC = '93.184.216.34';
let server: LoopbackServer;
const open: GuardedFetcher[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('an open port answered');
  });
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

function makeFetcher(options: Partial<FetcherOptions>): GuardedFetcher {
  const fetcher = createFetcher({ userAgent: TEST_USER_AGENT, ...options });
  open.push(fetcher);
  return fetcher;
}

async function failure(fetcher: GuardedFetcher, url: string): Promise<FetchFailure> {
  const result = await fetcher({ url });
  if (result.ok) throw new Error(`${url} answered ${result.value.status}: ${result.value.body}`);
  return result.error;
}

describe('allowed ports', () => {
  it('connects only to ports 80, 443 and 8080 unless configured otherwise', async () => {
    const socket = recordingConnector();
    const fetcher = makeFetcher({
      resolve: scriptedResolver({ 'example.test': [[PUBLIC]] }).resolve,
      connect: socket.connect,
    });
    for (const port of [22, 25, 3000, 5432, 6379, 8443, 9200]) {
      expect((await failure(fetcher, `http://example.test:${port}/`)).code).toBe('unreachable');
    }
    expect(socket.attempts).toEqual([]);
    for (const url of [
      'http://example.test/',
      'https://example.test/',
      'http://example.test:8080/',
    ]) {
      await failure(fetcher, url); // the recording connector refuses to contact a public address
    }
    expect(socket.attempts.map((a) => a.port)).toEqual([80, 443, 8080]);
  });

  it('takes a configured list instead of the default', async () => {
    const socket = recordingConnector();
    const fetcher = makeFetcher({
      resolve: scriptedResolver({ 'example.test': [[PUBLIC]] }).resolve,
      connect: socket.connect,
      allowedPorts: [8443],
    });
    await failure(fetcher, 'http://example.test/');
    await failure(fetcher, 'https://example.test:8443/');
    expect(socket.attempts.map((a) => a.port)).toEqual([8443]);
  });

  it.each([[[]], [[0]], [[65_536]], [[80, 1.5]], [[Number.NaN]]])(
    'refuses allowedPorts %j at construction',
    (allowedPorts) => {
      expect(() => createFetcher({ userAgent: TEST_USER_AGENT, allowedPorts })).toThrow(
        /allowedPorts/,
      );
    },
  );
});

describe('refused and unreachable sources look alike', () => {
  /**
   * A simulated internet: example.test is a public host with port 6379 open (a real loopback
   * server answers it) and port 22 closed; intranet.test is an internal name; nxdomain.test does
   * not exist and empty.test has no addresses. Under the default policy none may be fetched.
   */
  function probe() {
    const dns = scriptedResolver({
      'example.test': [[PUBLIC]],
      'intranet.test': [['10.1.2.3']],
      'empty.test': [[]],
    });
    const internet = simulatedInternet({ [`${PUBLIC}:6379`]: server.port });
    const log = unreachableLog();
    const fetcher = makeFetcher({
      resolve: dns.resolve,
      connect: internet.connect,
      onUnreachable: log.onUnreachable,
    });
    return { fetcher, calls: dns.calls, attempts: internet.attempts, events: log.events };
  }

  const probes = {
    'a closed port': 'http://example.test:22/',
    'an open port that is not allowed': 'http://example.test:6379/',
    'a private address by name': 'http://intranet.test/',
    'a private address literal': 'http://10.1.2.3/',
    'a loopback address': 'http://127.0.0.1:8080/',
    'an unresolvable name': 'http://nxdomain.test/',
    'a name with no addresses': 'http://empty.test:8080/',
  };

  it('answers a closed port, an open port not allowed, private addresses and unresolvable names with one refusal, opening no socket', async () => {
    const p = probe();
    const served = server.seen.length;
    const seen = new Set<string>();
    for (const url of Object.values(probes)) {
      const { url: reported, ...rest } = await failure(p.fetcher, url);
      expect(reported).toBe(url);
      seen.add(JSON.stringify(rest));
    }
    expect([...seen]).toEqual([
      JSON.stringify({ code: 'unreachable', message: 'source unreachable' }),
    ]);
    expect(p.attempts).toEqual([]);
    expect(server.seen.length).toBe(served);
  });

  it('gives the same refusal for a closed port that is allowed, after trying it', async () => {
    const p = probe();
    const closed = await failure(p.fetcher, 'http://example.test:8080/');
    const refused = await failure(p.fetcher, 'http://intranet.test:8080/');
    expect({ ...closed, url: '' }).toEqual({ ...refused, url: '' });
    expect(p.attempts.map((a) => `${a.address}:${a.port}`)).toEqual([`${PUBLIC}:8080`]);
  });

  it('tells the operator, and only the operator, what each refusal was', async () => {
    const p = probe();
    for (const url of Object.values(probes)) await failure(p.fetcher, url);
    expect(p.events.map((e) => [e.cause, e.address ?? null])).toEqual([
      ['port_not_allowed', null],
      ['port_not_allowed', null],
      ['address_refused', '10.1.2.3'],
      ['address_refused', '10.1.2.3'],
      ['address_refused', '127.0.0.1'],
      ['dns_failure', null],
      ['dns_failure', null],
    ]);
    expect(p.events[2]?.detail).toBe('intranet.test resolves to 10.1.2.3 (private)');
    // Ports are judged before any lookup: example.test was never resolved.
    expect(p.calls).toEqual(['intranet.test', 'nxdomain.test', 'empty.test']);
  });

  it('keeps the refusal when the operator hook throws', async () => {
    const fetcher = makeFetcher({
      onUnreachable: () => {
        throw new Error('log sink down');
      },
    });
    expect((await failure(fetcher, 'http://10.0.0.1/')).code).toBe('unreachable');
  });

  it('still reaches that open port once it is allowed (the simulation is sound)', async () => {
    const fetcher = makeFetcher({
      resolve: scriptedResolver({ 'example.test': [[PUBLIC]] }).resolve,
      connect: simulatedInternet({ [`${PUBLIC}:6379`]: server.port }).connect,
      allowedPorts: [6379],
    });
    const result = await fetcher({ url: 'http://example.test:6379/' });
    expect(result.ok && result.value.body).toBe('an open port answered');
  });
});
