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
