import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type Store } from '../../../store/database.js';
import { migrateToLatest } from '../../../store/migrate.js';
import { normalizeRequest } from '../../validate-request.js';
import type { EnqueueRequest } from '../../contract.js';
import { claimJob } from './claim.js';
import { completeJob } from './complete.js';
import { enqueueJob } from './enqueue.js';
import { failJob } from './fail.js';
import { listJobs } from './list.js';
import { pruneJobs } from './prune.js';
import { reclaimExpired } from './reclaim-expired.js';
import { retryJob } from './retry.js';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('SQLite job operations', () => {
  let store: Store;

  beforeEach(async () => {
    store = openSqlite(':memory:');
    await migrateToLatest(store);
  });
  afterEach(() => store.close());

  const enqueue = (req: EnqueueRequest, now = T0) =>
    enqueueJob(store.db, normalizeRequest(req), now);
  const claim = (now: Date, workerId = 'w1', tasks = ['t']) =>
    claimJob(store.db, {
      workerId,
      tasks,
      now,
      leaseUntil: at((now.getTime() - T0.getTime()) / 1000 + 60),
    });
  const all = () => listJobs(store.db, { status: null, limit: 100 });

  it('claims the earliest due job of a known task, counting the attempt and setting the lease', async () => {
    await enqueue({ task: 't', payload: { n: 2 }, runAt: at(5) });
    await enqueue({ task: 't', payload: { n: 1 }, runAt: at(1) });
    await enqueue({ task: 'other', payload: {}, runAt: at(0) });
    await enqueue({ task: 't', payload: { n: 3 }, runAt: at(100) });
    expect(await claim(at(0))).toBeNull();
    const first = await claim(at(10));
    expect(first).toMatchObject({
      payload: '{"n":1}',
      status: 'running',
      attempts: 1,
      locked_by: 'w1',
      locked_until: at(70).toISOString(),
    });
    expect((await claim(at(10)))?.payload).toBe('{"n":2}');
    expect(await claim(at(10))).toBeNull();
  });

  it('schedules a retry with the error, then marks the job dead on its last attempt', async () => {
    await enqueue({ task: 't', payload: {}, maxAttempts: 2 });
    const job = (await claim(T0))!;
    expect(
      await failJob(store.db, { id: job.id, workerId: 'w1', now: T0, retryAt: at(3), error: 'e1' }),
    ).toBe(true);
    expect((await all())[0]).toMatchObject({
      status: 'queued',
      run_at: at(3).toISOString(),
      last_error: 'e1',
      locked_by: null,
    });
    const again = (await claim(at(3)))!;
    await failJob(store.db, {
      id: again.id,
      workerId: 'w1',
      now: at(3),
      retryAt: at(10),
      error: 'e2',
    });
    expect((await all())[0]).toMatchObject({ status: 'dead', attempts: 2, last_error: 'e2' });
  });

  it('ignores the outcome reported by a worker that no longer holds the lease', async () => {
    await enqueue({ task: 't', payload: {} });
    const job = (await claim(T0, 'w1'))!;
    expect(await completeJob(store.db, { id: job.id, workerId: 'w2', now: T0 })).toBe(false);
    expect(
      await failJob(store.db, { id: job.id, workerId: 'w2', now: T0, retryAt: T0, error: 'x' }),
    ).toBe(false);
    expect(await completeJob(store.db, { id: job.id, workerId: 'w1', now: T0 })).toBe(true);
    expect((await all())[0]?.status).toBe('done');
  });

  it('reclaims expired leases: queued again, or dead if that was the last attempt', async () => {
    await enqueue({ task: 't', payload: { n: 1 }, maxAttempts: 3 });
    await enqueue({ task: 't', payload: { n: 2 }, maxAttempts: 1 });
    await claim(T0, 'crashed');
    await claim(T0, 'crashed');
    expect(await reclaimExpired(store.db, at(60))).toEqual([]);
    expect(await reclaimExpired(store.db, at(61))).toHaveLength(2);
    const [a, b] = await all();
    expect(a).toMatchObject({ status: 'queued', attempts: 1, locked_by: null });
    expect(b).toMatchObject({ status: 'dead', attempts: 1 });
    expect(a?.last_error).toContain('lease expired: worker crashed');
  });

  it('takes the dedupe key from a running job and queues a new one', async () => {
    await enqueue({ task: 't', payload: { v: 1 }, dedupeKey: 'k' });
    await claim(T0);
    await enqueue({ task: 't', payload: { v: 2 }, dedupeKey: 'k' });
    const [running, queued] = await all();
    expect(running).toMatchObject({ status: 'running', dedupe_key: null, max_attempts: 1 });
    expect(queued).toMatchObject({ status: 'queued', dedupe_key: 'k', payload: '{"v":2}' });
  });

  it('leaves a dead job dead when a newer job holds its dedupe key', async () => {
    await enqueue({ task: 't', payload: { v: 1 }, dedupeKey: 'k', maxAttempts: 1 });
    const job = (await claim(T0))!;
    await failJob(store.db, { id: job.id, workerId: 'w1', now: T0, retryAt: T0, error: 'x' });
    expect(await retryJob(store.db, { id: job.id, now: T0 })).toBe(true);
    const again = (await claim(T0))!;
    await failJob(store.db, { id: again.id, workerId: 'w1', now: T0, retryAt: T0, error: 'x' });
    await enqueue({ task: 't', payload: { v: 2 }, dedupeKey: 'k' });
    expect(await retryJob(store.db, { id: job.id, now: T0 })).toBe(false);
    expect((await all()).map((j) => j.status)).toEqual(['dead', 'queued']);
  });

  it('prunes done and dead jobs finished before their cut-offs, in batches', async () => {
    for (let n = 1; n <= 5; n++) await enqueue({ task: 't', payload: { n }, maxAttempts: 1 });
    const finish = async (now: Date, outcome: 'done' | 'dead') => {
      const job = (await claim(now))!;
      if (outcome === 'done') await completeJob(store.db, { id: job.id, workerId: 'w1', now });
      else await failJob(store.db, { id: job.id, workerId: 'w1', now, retryAt: now, error: 'x' });
    };
    await finish(at(0), 'done');
    await finish(at(10), 'done');
    await finish(at(0), 'dead');
    await finish(at(10), 'dead');
    const prune = (limit = 100) =>
      pruneJobs(store.db, { doneBefore: at(5), deadBefore: at(1), limit });
    expect(await prune(1)).toBe(1);
    expect(await prune()).toBe(1);
    expect(await prune()).toBe(0);
    expect((await all()).map((j) => [JSON.parse(j.payload), j.status])).toEqual([
      [{ n: 2 }, 'done'],
      [{ n: 4 }, 'dead'],
      [{ n: 5 }, 'queued'],
    ]);
  });
});
