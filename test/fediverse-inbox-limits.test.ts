/**
 * The inbox rates are keyed by what a sender cannot forge. Before any signature is checked the
 * guard counts the client's address (and its address with the instance it claims); an actor's own
 * budget is spent only by requests that actor really signed, verified against its key fetched
 * from the independent Fedify peer. So a forger naming a real actor's key id uses up its own
 * address's allowance, never the actor's minute. Fedify is replaced by a recorder here: the guard
 * in front of it is what is under test.
 */
import type { Federation } from '@fedify/fedify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slidingWindowLimiter } from '../src/adapters/sliding-window-limiter.js';
import { guardedDocumentLoader } from '../src/fediverse/document-loader.js';
import { federationAreas } from '../src/fediverse/federation-app.js';
import { inboxSigner } from '../src/fediverse/inbox-signer.js';
import { createFetcher, type GuardedFetcher } from '../src/net/index.js';
import { startFediPeer, type FediPeer } from './support/fedi-peer.js';

const INBOX = 'http://news.test/ap/inbox';

describe('inbox rate limits keyed by address and by verified signer', () => {
  let peer: FediPeer;
  let fetcher: GuardedFetcher;
  beforeAll(async () => {
    peer = await startFediPeer();
    fetcher = createFetcher({
      userAgent: 'newsdesk-test',
      allowLoopback: true,
      allowedPorts: 'any',
      // Only the peer on 127.0.0.1 is reachable: a claimed key on any named host fails to
      // resolve here, so no query or socket leaves the machine.
      resolve: (host) => Promise.reject(new Error(`test resolves no names (${host})`)),
    });
  });
  afterAll(async () => {
    await fetcher?.close();
    await peer?.close();
  });

  function guarded() {
    const reached: string[] = [];
    const recorder = {
      fetch: async (req: Request) => {
        reached.push(await req.text());
        return new Response(null, { status: 202 });
      },
    } as unknown as Federation<void>; // only `fetch` is called by the guard
    let now = Date.now();
    const limiter = slidingWindowLimiter({ now: () => now });
    const app = new Hono();
    const guard = {
      limiter,
      // app.request has no socket: the test names the client's address in a header.
      clientIp: (c: { req: { header(n: string): string | undefined } }) =>
        c.req.header('x-test-client') ?? null,
      signer: inboxSigner({
        documentLoader: guardedDocumentLoader(fetcher),
        timeWindowSeconds: 300,
      }),
    };
    const limits = {
      maxBodyBytes: 64 * 1024,
      perAddressPerMinute: 8,
      perInstancePerMinute: 4,
      perActorPerMinute: 3,
    };
    for (const area of federationAreas(recorder, guard, limits)) app.route(area.path, area.app);
    const from = async (address: string, req: Request) => {
      const headers = new Headers(req.headers);
      headers.set('x-test-client', address);
      return app.request(new Request(req.url, { method: 'POST', headers, body: await req.text() }));
    };
    return { from, reached, advance: (ms: number) => (now += ms) };
  }

  const like = (n: string) =>
    JSON.stringify({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${peer.aliceId}/likes/${n}`,
      type: 'Like',
      actor: peer.aliceId,
      object: 'http://news.test/ap/articles/1',
    });
  const forged = (n: string) =>
    new Request(INBOX, {
      method: 'POST',
      headers: {
        'content-type': 'application/activity+json',
        date: new Date().toUTCString(),
        signature: `keyId="${peer.aliceId}#main-key",algorithm="rsa-sha256",headers="(request-target) host date",signature="${Buffer.from(`forged ${n}`).toString('base64')}"`,
      },
      body: like(`forged-${n}`),
    });

  it('a forger naming a real actor’s key spends only its own address’s allowance, not the actor’s', async () => {
    const inbox = guarded();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await inbox.from('203.0.113.66', forged(String(i)))).status);
    // The forger's address with the instance it claims: four, then refused.
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429]);
    // Alice, from her own address, still has her whole minute.
    const real: number[] = [];
    for (let i = 0; i < 4; i++) {
      const signed = await peer.signedPost(INBOX, like(`real-${i}`));
      real.push((await inbox.from('198.51.100.7', signed)).status);
    }
    expect(real).toEqual([202, 202, 202, 429]);
    const refused = await inbox.from('198.51.100.7', await peer.signedPost(INBOX, like('late')));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toBe('rate_limited');
    inbox.advance(61_000);
    const again = await inbox.from('198.51.100.7', await peer.signedPost(INBOX, like('again')));
    expect(again.status).toBe(202);
  }, 30_000);

  it('counts a verified actor across the addresses it sends from', async () => {
    const inbox = guarded();
    const statuses: number[] = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      const signed = await peer.signedPost(INBOX, like(`spread-${address}`));
      statuses.push((await inbox.from(address, signed)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  }, 30_000);

  it('caps one address however many instances it claims to speak for', async () => {
    const inbox = guarded();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const req = new Request(INBOX, {
        method: 'POST',
        headers: {
          'content-type': 'application/activity+json',
          signature: `keyId="https://host${i}.example/u#k",signature="x"`,
        },
        body: '{}',
      });
      statuses.push((await inbox.from('203.0.113.9', req)).status);
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
    // Another address is not affected.
    const other = await inbox.from('203.0.113.10', forged('other'));
    expect(other.status).toBe(202);
    expect(inbox.reached.length).toBe(9);
  });
});
