import type { Federation } from '@fedify/fedify';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { slidingWindowLimiter } from '../adapters/sliding-window-limiter.js';
import { federationAreas, signingKeyId } from './federation-app.js';

/**
 * The inbox guard in front of Fedify: what it refuses never reaches Fedify (413, 429), what it
 * lets through reaches it once with the same body. Fedify's own checks (signature, digest, clock,
 * replay) are exercised against a real peer in test/fediverse-federation.test.ts, and the rates in
 * test/fediverse-inbox-limits.test.ts; here Fedify is
 * replaced by a recorder, because the guard is what is under test.
 */
function guardedInbox(
  limits = {
    maxBodyBytes: 1024,
    perAddressPerMinute: 6,
    perActorPerMinute: 2,
    perInstancePerMinute: 3,
  },
) {
  const reached: string[] = [];
  const recorder = {
    fetch: async (req: Request) => {
      reached.push(await req.text());
      return new Response(null, { status: 202 });
    },
  } as unknown as Federation<void>; // only `fetch` is called by the guard
  let now = 0;
  const limiter = slidingWindowLimiter({ now: () => now });
  const app = new Hono();
  // The rates keyed by address and verified signer are pinned against a real signing peer in
  // test/fediverse-inbox-limits.test.ts; here nothing is signed, so the signer names no one.
  const guard = { limiter, clientIp: () => '192.0.2.1', signer: async () => null };
  for (const area of federationAreas(recorder, guard, limits)) app.route(area.path, area.app);
  const post = (keyId: string | null, body: string, headers: Record<string, string> = {}) =>
    app.request('http://news.test/ap/inbox', {
      method: 'POST',
      headers: {
        'content-type': 'application/activity+json',
        ...(keyId ? { signature: `keyId="${keyId}",algorithm="rsa-sha256",signature="x"` } : {}),
        ...headers,
      },
      body,
    });
  const send = (req: Request) => app.request(req);
  return { post, send, reached, advance: (ms: number) => (now += ms) };
}

describe('the inbox guard', () => {
  it('refuses a body over the cap with 413, whether its length is declared or not', async () => {
    const inbox = guardedInbox();
    const big = 'x'.repeat(2048);
    expect((await inbox.post('https://social.example/u#k', big)).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode('y'.repeat(400)));
        c.close();
      },
    });
    const res = await inbox.send(
      new Request('http://news.test/ap/inbox', {
        method: 'POST',
        headers: { signature: 'keyId="https://social.example/u#k",signature="x"' },
        body: chunked,
        duplex: 'half', // a streamed body, so no Content-Length to trust
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(inbox.reached).toEqual([]);
  });

  it('reads the key id from both signature formats and nothing from a hostile header', () => {
    const cavage = new Headers({ signature: 'keyId="https://a.example/u#k",signature="x"' });
    expect(signingKeyId(cavage)?.href).toBe('https://a.example/u#k');
    const rfc9421 = new Headers({
      'signature-input': 'sig1=("@method");keyid="https://b.example/u#k"',
    });
    expect(signingKeyId(rfc9421)?.host).toBe('b.example');
    expect(signingKeyId(new Headers({ signature: 'keyId="not a url"' }))).toBeNull();
    expect(signingKeyId(new Headers({ signature: `keyId="${'a'.repeat(5000)}"` }))).toBeNull();
    expect(signingKeyId(new Headers())).toBeNull();
  });
});
