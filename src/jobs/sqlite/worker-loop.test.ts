import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/ports.js';
import { openSqlite, type Store } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { GRAPHILE_BACKOFF } from '../backoff.js';
import type { WorkerHandle } from '../contract.js';
import { normalizeRequest } from '../validate-request.js';
import { enqueueJob } from './sql/enqueue.js';
import { listJobs } from './sql/list.js';
import { startWorkerLoop } from './worker-loop.js';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const POLL_MS = 10;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

describe('SQLite worker loop pruning', () => {
  let store: Store;
  let now: Date;
  let worker: WorkerHandle | null;

  beforeEach(async () => {
    store = openSqlite(':memory:');
    await migrateToLatest(store);
    now = T0;
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop();
    await store.close();
  });

  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  const enqueue = (n: number, maxAttempts = 1) =>
    enqueueJob(store.db, normalizeRequest({ task: 't', payload: { n }, maxAttempts }), now);
  const statuses = async () =>
    (await listJobs(store.db, { status: null, limit: 100 })).map(
      (j) => `${(JSON.parse(j.payload) as { n: number }).n}:${j.status}`,
    );

  function start() {
    worker = startWorkerLoop({
      db: store.db,
      clock: () => now,
      logger: silentLogger,
      workerId: 'w',
      registry: {
        t: async (payload) => {
          if ((payload as { n: number }).n < 0) throw new Error('fails');
        },
      },
      concurrency: 1,
      pollIntervalMs: POLL_MS,
      leaseMs: MINUTE,
      reclaimIntervalMs: MINUTE,
      backoff: GRAPHILE_BACKOFF,
      keepDoneMs: 7 * DAY,
      keepDeadMs: 30 * DAY,
      pruneIntervalMs: 60 * MINUTE,
      turnBudgetMs: 2,
    });
  }

  it('deletes done jobs after 7 days and dead ones after 30, at most once an hour', async () => {
    await enqueue(1);
    await enqueue(-1);
    start(); // prunes at T0 (nothing is old yet), then not before T0 + 1 h
    await waitFor(async () => (await statuses()).join() === '1:done,-1:dead', 'the jobs to finish');

    // The first prune was 7 days ago, so one is due, but nothing is 7 days old yet.
    advance(7 * DAY - 10 * MINUTE);
    await sleep(10 * POLL_MS);
    expect(await statuses()).toEqual(['1:done', '-1:dead']);

    // Done for 7 days and 20 minutes, but the last prune was only 30 minutes ago.
    advance(30 * MINUTE);
    await sleep(10 * POLL_MS);
    expect(await statuses()).toEqual(['1:done', '-1:dead']);

    advance(31 * MINUTE);
    await waitFor(async () => (await statuses()).join() === '-1:dead', 'the done job to go');

    advance(23 * DAY);
    await waitFor(async () => (await statuses()).length === 0, 'the dead job to go');
  });

  it('never deletes a waiting job, however old', async () => {
    await enqueue(2);
    now = new Date(T0.getTime() + 365 * DAY);
    await enqueueJob(
      store.db,
      normalizeRequest({ task: 'other', payload: { n: 3 }, runAt: T0 }),
      T0,
    );
    start();
    await waitFor(async () => (await statuses()).join() === '2:done,3:queued', 'the known job');
    advance(400 * DAY);
    await sleep(10 * POLL_MS);
    expect(await statuses()).toEqual(['3:queued']);
  });
});

describe('SQLite worker loop fairness', () => {
  /** Enough fast-failing jobs that running them all takes many event-loop turns. */
  const BURST = 2000;
  let store: Store;
  let worker: WorkerHandle | null;
  let server: Server | null;
  /** Handler calls so far. */
  let ran: number;

  beforeEach(async () => {
    store = openSqlite(':memory:');
    await migrateToLatest(store);
    worker = null;
    server = null;
    ran = 0;
    await store.db.transaction().execute(async (trx) => {
      for (let n = 0; n < BURST; n++) {
        await enqueueJob(
          trx,
          normalizeRequest({ task: 'fail', payload: { n }, maxAttempts: 1 }),
          T0,
        );
      }
    });
  });
  afterEach(async () => {
    await worker?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store.close();
  });

  function startBurst(turnBudgetMs: number) {
    worker = startWorkerLoop({
      db: store.db,
      clock: () => T0,
      logger: silentLogger,
      workerId: 'w',
      registry: {
        // Fails before any I/O, like a verification refused by the outbound budget.
        fail: async () => {
          ran++;
          throw new Error('source refused');
        },
      },
      concurrency: 4,
      pollIntervalMs: POLL_MS,
      leaseMs: MINUTE,
      reclaimIntervalMs: MINUTE,
      backoff: GRAPHILE_BACKOFF,
      keepDoneMs: 7 * DAY,
      keepDeadMs: 30 * DAY,
      pruneIntervalMs: 60 * MINUTE,
      turnBudgetMs,
    });
  }

  const dead = async () => (await listJobs(store.db, { status: 'dead', limit: BURST + 1 })).length;

  it('runs a timer set during a burst of fast-failing jobs before the burst is over', async () => {
    startBurst(2);
    const ranWhenTimerFired = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(ran), 0),
    );
    expect(ranWhenTimerFired).toBeLessThan(BURST);
    // The burst still makes progress after the timer and finishes.
    await waitFor(async () => (await dead()) === BURST, 'the burst to finish');
    expect(ran).toBe(BURST);
  });

  it('answers an HTTP request on 127.0.0.1 while a burst of fast-failing jobs runs', async () => {
    let ranWhenServed = -1;
    server = createServer((_req, res) => {
      ranWhenServed = ran;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    startBurst(0);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    const ranWhenAnswered = ran;
    expect(body).toBe('ok');
    expect(ranWhenServed).toBeGreaterThanOrEqual(0);
    expect(ranWhenAnswered).toBeLessThan(BURST);
    await waitFor(async () => (await dead()) === BURST, 'the burst to finish');
    expect(ran).toBe(BURST);
  });
});
