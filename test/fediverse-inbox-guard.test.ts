/**
 * Fedify posts deliveries with its own fetch, so the inbox a follower's actor document names is
 * checked by our fetcher's rules before Fedify may send: a follower pointing us at a private
 * address gets nothing, the delivery is listed as refused, and a public follower beside it is
 * still served. The private name resolves through a recording resolver; nothing reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenUpBook } from '../src/fediverse/given-up.js';
import type { Runtime } from '../src/main/runtime.js';
import { systemResolver } from '../src/net/index.js';
import { storeKvStore } from '../src/store/fediverse-kv.js';
import { startFediRuntime, type FediRuntime } from './support/fedi-runtime.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startLoopbackServer, type LoopbackServer } from './support/net-kit.js';
import { until } from './support/wait.js';

describe('deliveries to a follower inbox at a private address', () => {
  let fedi: FediRuntime;
  let rt: Runtime;
  let inbox: LoopbackServer;
  const asked: string[] = [];

  beforeAll(async () => {
    inbox = await startLoopbackServer((_req, res) => {
      res.writeHead(202).end();
    });
    const since = new Date().toISOString();
    fedi = await startFediRuntime({
      fetcher: {
        resolve: async (host) => {
          asked.push(host);
          return host === 'intranet.test'
            ? [{ address: '10.0.0.7', family: 4 }]
            : systemResolver(host);
        },
      },
      followers: [
        {
          id: 'https://intranet.test/users/eve',
          inbox: 'https://intranet.test/admin/inbox',
          sharedInbox: null,
          handle: '@eve@intranet.test',
          since,
        },
        {
          id: 'http://127.0.0.1/users/ann',
          inbox: `${inbox.origin}/inbox`,
          sharedInbox: null,
          handle: '@ann@loopback.test',
          since,
        },
      ],
    });
    rt = fedi.rt;
  }, 30_000);

  afterAll(async () => {
    await fedi?.close();
    await inbox?.close();
  });

  it('refuses the private inbox before sending, lists it as refused, and still serves the public one', async () => {
    await anArticle(rt.deps, await anAuthor(rt.deps), { title: 'Council news' });
    const refused = await until(
      'the private delivery refused',
      async () => {
        const all = await givenUpBook(storeKvStore(rt.store.db, () => new Date())).list();
        return all.find((d) => d.inbox === 'https://intranet.test/admin/inbox');
      },
      30_000,
    );
    expect(refused.error).toMatch(/refused before sending: intranet\.test resolves to 10\.0\.0\.7/);
    expect(refused.attempts).toBe(0);
    expect(asked).toContain('intranet.test');
    await until('the public follower served', async () =>
      inbox.seen.length > 0 ? true : undefined,
    );
  }, 60_000);
});
