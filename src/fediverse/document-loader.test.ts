import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '@fedify/vocab-runtime';
import { lookupObject } from '@fedify/vocab';
import {
  OPEN_TO_TEST_SERVERS,
  TEST_USER_AGENT,
  recordingConnector,
  scriptedResolver,
  startLoopbackServer,
  type LoopbackServer,
} from '../../test/support/net-kit.js';
import { createFetcher, type FetcherOptions, type GuardedFetcher } from '../net/index.js';
import { guardedDocumentLoader } from './document-loader.js';

let server: LoopbackServer;
const open: GuardedFetcher[] = [];
beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    if (req.url === '/gone') return void res.writeHead(410).end();
    if (req.url === '/html') {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>');
    }
    res.writeHead(200, { 'content-type': 'application/activity+json' }).end(
      JSON.stringify({
        '@context': 'https://www.w3.org/ns/activitystreams',
        type: 'Note',
        id: `${server.origin}/note`,
      }),
    );
  });
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

function loader(
  table: Parameters<typeof scriptedResolver>[0],
  options: Partial<FetcherOptions> = {},
) {
  const dns = scriptedResolver(table);
  const socket = recordingConnector();
  const fetcher = createFetcher({
    userAgent: TEST_USER_AGENT,
    resolve: dns.resolve,
    connect: socket.connect,
    ...options,
  });
  open.push(fetcher);
  return { load: guardedDocumentLoader(fetcher), attempts: socket.attempts, calls: dns.calls };
}

const BATTERY: readonly (readonly [string, string])[] = [
  ['loopback', '127.0.0.1'],
  ['private 10/8', '10.1.2.3'],
  ['private 172.16/12', '172.16.5.4'],
  ['private 192.168/16', '192.168.1.1'],
  ['link-local and cloud metadata', '169.254.169.254'],
  ['carrier-grade NAT', '100.64.0.1'],
  ['unspecified', '0.0.0.0'],
  ['IPv6 loopback', '::1'],
  ['IPv6 unique local', 'fd00::1'],
  ['IPv6 link-local', 'fe80::1'],
  ['IPv4-mapped private', '::ffff:10.0.0.1'],
];

describe('Fedify’s document loader on our guarded fetcher', () => {
  for (const [range, address] of BATTERY) {
    it(`refuses an actor whose host resolves into ${range} (${address}) without opening a socket`, async () => {
      const l = loader({ 'actor.test': [[address]] });
      await expect(l.load('http://actor.test/users/x')).rejects.toBeInstanceOf(FetchError);
      expect(l.calls).toEqual(['actor.test']);
      expect(l.attempts).toEqual([]);
    });
  }

  it('refuses the same ranges when Fedify looks up an actor or object through it', async () => {
    const l = loader({ 'evil.test': [['10.0.0.9']] });
    const found = await lookupObject('http://evil.test/users/mallory', {
      documentLoader: l.load,
      contextLoader: l.load,
    });
    expect(found).toBeNull();
    expect(l.attempts).toEqual([]);
  });

  it('reaches loopback only when the configuration opens it, and parses the JSON', async () => {
    const closed = loader({});
    await expect(closed.load(`${server.origin}/note`)).rejects.toBeInstanceOf(FetchError);
    expect(closed.attempts).toEqual([]);
    const opened = loader({}, OPEN_TO_TEST_SERVERS);
    const doc = await opened.load(`${server.origin}/note`);
    expect(doc.document).toMatchObject({ type: 'Note' });
  });

  it('reports a gone object with its status, and refuses a body that is not JSON', async () => {
    const l = loader({}, OPEN_TO_TEST_SERVERS);
    const gone = await l.load(`${server.origin}/gone`).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(FetchError);
    expect((gone as FetchError).response?.status).toBe(410);
    await expect(l.load(`${server.origin}/html`)).rejects.toThrow(/not JSON/);
  });

  it('serves the well-known JSON-LD contexts from memory, never from the network', async () => {
    const l = loader({});
    const doc = await l.load('https://www.w3.org/ns/activitystreams');
    expect(doc.document).toBeTypeOf('object');
    expect(l.calls).toEqual([]);
  });
});
