/**
 * A follower whose inbox accepts the connection and never answers does not hold a worker: each
 * delivery attempt is bounded (a small bound here, by configuration), fails as a transport error,
 * is retried with Fedify's backoff, and after its last attempt is recorded with the timeout as
 * its error. A follower that answers at once is still delivered to meanwhile.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { createExponentialBackoffPolicy } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { fediverseCommand } from '../src/cli/commands/fediverse.js';
import { loadConfig } from '../src/config/config.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { recordingThread } from './support/recording-thread.js';
import { until } from './support/wait.js';

const portOf = (s: Server | HttpServer) => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};

describe('a follower inbox that never answers', () => {
  const dialect = testDialects()[0]!;
  let store: TestStore;
  let rt: Runtime;
  let workers: WorkerHandle;
  let silent: Server;
  let live: HttpServer;
  let silentUrl = '';
  let liveUrl = '';
  let env: Record<string, string>;
  const sockets: Socket[] = [];
  const requests: string[] = [];
  const delivered: string[] = [];

  beforeAll(async () => {
    store = await dialect.open();
    // Accepts every connection, reads the request, and never writes a byte back.
    silent = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk) => {
        const line = chunk.toString('latin1').split('\r\n')[0] ?? '';
        if (/^[A-Z]+ \//.test(line)) requests.push(line);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${portOf(silent)}`;
    live = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        delivered.push(req.url ?? '');
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => live.listen(0, '127.0.0.1', r));
    liveUrl = `http://127.0.0.1:${portOf(live)}`;
    env = {
      ...store.env,
      NEWSDESK_SITE_URL: 'http://news.test',
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    };
    await store.close();
    rt = await openRuntime(loadConfig(env), silentLogger, {
      fediverseThread: () => recordingThread().thread,
      fetcher: { allowedPorts: 'any' },
      fediverseDelivery: {
        timeoutMs: 300,
        retry: createExponentialBackoffPolicy({
          maxAttempts: 2,
          initialDelay: { milliseconds: 100 },
          jitter: false,
        }),
      },
    });
    for (const [name, url] of [
      ['carol', silentUrl],
      ['dave', liveUrl],
    ] as const) {
      await rt.fediverse!.followers.add('site', {
        id: `${url}/users/${name}`,
        inbox: `${url}/users/${name}/inbox`,
        sharedInbox: null,
        handle: `@${name}@peer.test`,
        since: new Date().toISOString(),
      });
    }
    workers = await rt.startWorkers(2);
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await rt?.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent?.close(() => r()));
    await new Promise<void>((r) => live?.close(() => r()));
    await store?.dispose();
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const code = await fediverseCommand.run(
      args,
      { out: (l) => out.push(l), err: () => undefined, prompt: null },
      () => loadConfig(env),
    );
    return { code, out: out.join('\n') };
  };

  it('gives each attempt up at the configured bound, retries it, and records the timeout once the last attempt fails', async () => {
    await anArticle(rt.deps, await anAuthor(rt.deps), { title: 'Silent inbox' });
    const inbox = `${silentUrl}/users/carol/inbox`;

    // The answering follower gets the article whatever the silent one does.
    await until('the live delivery', () => delivered.find((u) => u === '/users/dave/inbox'));

    const givenUp = await until('the silent delivery recorded failed', async () => {
      const r = await run(['deliveries', '--status', 'failed', '--json']);
      const rows = JSON.parse(r.out) as {
        status: string;
        inbox: string;
        attempts: number;
        lastError: string;
      }[];
      return rows.find((d) => d.status === 'dead' && d.inbox === inbox);
    });
    expect(givenUp.lastError).toMatch(/Headers Timeout/i);
    expect(givenUp.attempts).toBe(3);
    // Every attempt reached the inbox: the first and the two retries, each a POST.
    expect(requests.filter((l) => l.startsWith('POST /users/carol/inbox'))).toHaveLength(3);
    // Nothing holds a worker any more: a new article goes out to the live follower again.
    const before = delivered.length;
    await anArticle(rt.deps, await anAuthor(rt.deps, 'Second Writer'), { title: 'Next one' });
    await until('the second live delivery', () =>
      delivered.length > before ? delivered.length : undefined,
    );
  }, 60_000);
});
