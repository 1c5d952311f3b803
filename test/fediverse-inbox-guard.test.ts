/**
 * Fedify posts deliveries with its own fetch, so the inbox a follower's actor document names is
 * checked by our fetcher's rules before Fedify may send: a follower pointing us at a private
 * address gets nothing, the delivery is listed as refused, and a public follower beside it is
 * still served. The private name resolves through a recording resolver; nothing reaches it.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { givenUpBook } from '../src/fediverse/given-up.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { systemResolver } from '../src/net/index.js';
import { storeKvStore } from '../src/store/fediverse-kv.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { recordingThread } from './support/recording-thread.js';
import { until } from './support/wait.js';

describe('deliveries to a follower inbox at a private address', () => {
  const dialect = testDialects()[0]!;
  let store: TestStore;
  let rt: Runtime;
  let workers: WorkerHandle;
  let inbox: Server;
  let inboxUrl = '';
  const asked: string[] = [];
  const received: string[] = [];

  beforeAll(async () => {
    store = await dialect.open();
    inbox = createServer((req, res) => {
      received.push(req.url ?? '');
      req.resume();
      res.writeHead(202).end();
    });
    await new Promise<void>((r) => inbox.listen(0, '127.0.0.1', r));
    const a = inbox.address();
    inboxUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/inbox`;
    const env = {
      ...store.env,
      NEWSDESK_SITE_URL: 'http://news.test',
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    };
    await store.close();
    rt = await openRuntime(loadConfig(env), silentLogger, {
      fediverseThread: () => recordingThread().thread,
      fetcher: {
        allowedPorts: 'any',
        resolve: async (host) => {
          asked.push(host);
          return host === 'intranet.test'
            ? [{ address: '10.0.0.7', family: 4 }]
            : systemResolver(host);
        },
      },
    });
    const followers = rt.fediverse!.followers;
    await followers.add('site', {
      id: 'https://intranet.test/users/eve',
      inbox: 'https://intranet.test/admin/inbox',
      sharedInbox: null,
      handle: '@eve@intranet.test',
      since: new Date().toISOString(),
    });
    await followers.add('site', {
      id: 'http://127.0.0.1/users/ann',
      inbox: inboxUrl,
      sharedInbox: null,
      handle: '@ann@loopback.test',
      since: new Date().toISOString(),
    });
    workers = await rt.startWorkers(2);
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await rt?.close();
    await new Promise<void>((r) => inbox?.close(() => r()));
    await store?.dispose();
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
    await until('the public follower served', async () => (received.length > 0 ? true : undefined));
  }, 60_000);
});
