/**
 * A follower whose inbox answers 500 never slows the editor's save: the save returns before any
 * delivery is tried; the worker retries with Fedify's backoff (short here, by configuration), the
 * retry waiting shows as `failed`, and once the last attempt fails the delivery is recorded and
 * listed by `newsdesk fediverse deliveries --status failed`.
 */
import { createServer, type Server } from 'node:http';
import { createExponentialBackoffPolicy } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries } from '../src/app/fediverse/admin.js';
import { silentLogger } from '../src/app/ports.js';
import { fediverseCommand } from '../src/cli/commands/fediverse.js';
import { loadConfig } from '../src/config/config.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { FEDIVERSE_MESSAGE_TASK } from '../src/main/fediverse.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { recordingLogger } from './support/recording-logger.js';
import { recordingThread } from './support/recording-thread.js';
import { until } from './support/wait.js';

describe('a dead follower inbox', () => {
  const dialect = testDialects()[0]!;
  let store: TestStore;
  let rt: Runtime;
  let workers: WorkerHandle;
  let dead: Server;
  let deadUrl = '';
  let env: Record<string, string>;
  const hits: string[] = [];

  beforeAll(async () => {
    store = await dialect.open();
    dead = createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' }).end('inbox on fire');
    });
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const a = dead.address();
    deadUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
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
        retry: createExponentialBackoffPolicy({
          maxAttempts: 2,
          initialDelay: { milliseconds: 200 },
          jitter: false,
        }),
      },
    });
    await rt.fediverse!.followers.add('site', {
      id: `${deadUrl}/users/bob`,
      inbox: `${deadUrl}/inbox`,
      sharedInbox: null,
      handle: '@bob@dead.test',
      since: new Date().toISOString(),
    });
    workers = await rt.startWorkers(2);
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await rt?.close();
    await new Promise<void>((r) => dead?.close(() => r()));
    await store?.dispose();
  });

  it('publishes at once, retries with backoff, and records the delivery failed after its last attempt', async () => {
    const author = await anAuthor(rt.deps);
    const started = Date.now();
    await anArticle(rt.deps, author, { title: 'Storm warning' });
    const took = Date.now() - started;
    // The save wrote a job; no delivery had been tried when it returned.
    expect(hits).toHaveLength(0);
    expect(took).toBeLessThan(2000);

    const retrying = await until('a retry waiting', async () => {
      const failed = await listDeliveries(rt.jobs.queue, FEDIVERSE_MESSAGE_TASK, {
        status: 'failed',
      });
      return failed.find((d) => d.status === 'failed' && d.inbox === `${deadUrl}/inbox`);
    });
    expect(retrying.attempts).toBeGreaterThanOrEqual(1);
    expect(retrying.activityType).toMatch(/Create$/);

    const run = async (args: string[]) => {
      const out: string[] = [];
      const code = await fediverseCommand.run(
        args,
        { out: (l) => out.push(l), err: () => undefined, prompt: null },
        () => loadConfig(env),
      );
      return { code, out: out.join('\n') };
    };
    const givenUp = await until(
      'the delivery recorded failed',
      async () => {
        const r = await run(['deliveries', '--status', 'failed', '--json']);
        const rows = JSON.parse(r.out) as { status: string; inbox: string; lastError: string }[];
        return rows.find((d) => d.status === 'dead' && d.inbox === `${deadUrl}/inbox`);
      },
      30_000,
    );
    expect(givenUp.lastError).toContain('500');
    // Three attempts: the first and the two retries the policy allows, then no more.
    const attempts = hits.length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(hits.length).toBe(attempts);
    const text = await run(['deliveries', '--status', 'failed']);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`dead\t3\t`);
  }, 60_000);
});

describe('the dead-inbox circuit', () => {
  const dialect = testDialects()[0]!;
  let store: TestStore;
  let rt: Runtime;
  let workers: WorkerHandle;
  let dead: Server;
  let deadUrl = '';
  const hits: string[] = [];
  const log = recordingLogger();

  beforeAll(async () => {
    store = await dialect.open();
    dead = createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    });
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const a = dead.address();
    deadUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    const env = {
      ...store.env,
      NEWSDESK_SITE_URL: 'http://news.test',
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    };
    await store.close();
    rt = await openRuntime(loadConfig(env), log.logger, {
      fediverseThread: () => recordingThread().thread,
      fetcher: { allowedPorts: 'any' },
      fediverseDelivery: {
        retry: createExponentialBackoffPolicy({
          maxAttempts: 10,
          initialDelay: { milliseconds: 100 },
          jitter: false,
        }),
        circuitBreaker: {
          failureThreshold: 2,
          failureWindow: { minutes: 5 },
          recoveryDelay: { minutes: 30 },
        },
      },
    });
    await rt.fediverse!.followers.add('site', {
      id: `${deadUrl}/users/bob`,
      inbox: `${deadUrl}/inbox`,
      sharedInbox: null,
      handle: '@bob@dead.test',
      since: new Date().toISOString(),
    });
    workers = await rt.startWorkers(2);
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await rt?.close();
    await new Promise<void>((r) => dead?.close(() => r()));
    await store?.dispose();
  });

  it('stops trying a host after repeated failures, holds its delivery and logs the circuit opening', async () => {
    await anArticle(rt.deps, await anAuthor(rt.deps), { title: 'Outage' });
    await until('the circuit opening', () =>
      log.lines.find(
        (l) =>
          l.msg === 'fediverse: delivery circuit changed' &&
          (l.fields as { to?: string }).to === 'open',
      ),
    );
    const tried = hits.length;
    expect(tried).toBeGreaterThanOrEqual(2);
    // Ten attempts were allowed, 100 ms apart: with the circuit open none is made...
    await new Promise((r) => setTimeout(r, 2500));
    expect(hits.length).toBe(tried);
    // ...and the delivery is held in the queue, not lost.
    const waiting = await listDeliveries(rt.jobs.queue, FEDIVERSE_MESSAGE_TASK);
    expect(waiting.some((d) => d.inbox === `${deadUrl}/inbox`)).toBe(true);
  }, 60_000);
});
