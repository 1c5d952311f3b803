import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobInfo, TaskHelpers, TaskRegistry, WorkerHandle } from '../src/jobs/contract.js';
import { engineKinds, sleep, waitFor, type EngineFixture } from './support/jobs-engines.js';

const POLL_MS = 25;
/** Long enough for several polls: a job that should not run has had its chance. */
const SETTLE_MS = 250;

interface Call {
  readonly payload: unknown;
  readonly helpers: TaskHelpers;
}

for (const kind of engineKinds()) {
  if (kind.skipReason) console.warn(kind.skipReason);
  const suite = kind.skipReason ? describe.skip : describe;

  suite(`job queue contract on ${kind.name}`, () => {
    let fx: EngineFixture;
    const workers: WorkerHandle[] = [];

    beforeEach(async () => {
      fx = await kind.create();
    });

    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await fx.close();
    });

    async function start(registry: TaskRegistry, concurrency = 1): Promise<WorkerHandle> {
      const worker = await fx.engine.start(registry, { concurrency, pollIntervalMs: POLL_MS });
      workers.push(worker);
      return worker;
    }

    function recorder(calls: Call[], behave: (call: Call) => Promise<void> = async () => {}) {
      return async (payload: unknown, helpers: TaskHelpers) => {
        const call = { payload, helpers };
        calls.push(call);
        await behave(call);
      };
    }

    const unfinished = async (): Promise<JobInfo[]> =>
      (await fx.engine.queue.list()).filter((j) => j.status !== 'done');

    it('runs an enqueued job once with its payload', async () => {
      const calls: Call[] = [];
      await fx.engine.queue.enqueue({ task: 'greet', payload: { name: 'Ada' } });
      await start({ greet: recorder(calls) });
      await waitFor(async () => (await unfinished()).length === 0, 'the job to finish');
      await sleep(SETTLE_MS);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.payload).toEqual({ name: 'Ada' });
      expect(calls[0]!.helpers.attempt).toBe(1);
      expect(calls[0]!.helpers.jobId).toMatch(/^[0-9]+$/);
    });

    it('waits until runAt before running a job', async () => {
      const calls: Call[] = [];
      const runAt = new Date((await fx.now()).getTime() + 60_000);
      await fx.engine.queue.enqueue({ task: 'later', payload: {}, runAt });
      await start({ later: recorder(calls) });
      await sleep(SETTLE_MS);
      expect(calls).toHaveLength(0);
      const [job] = await fx.engine.queue.list();
      expect(job?.status).toBe('queued');
      expect(job?.runAt.getTime()).toBe(runAt.getTime());
      await fx.advance(61_000);
      await waitFor(() => calls.length === 1, 'the job to run once due');
    });

    it('collapses jobs sharing a dedupe key into one that carries the newest payload', async () => {
      const calls: Call[] = [];
      const { queue } = fx.engine;
      await queue.enqueue({ task: 'ping', payload: { v: 1 }, dedupeKey: 'article:7' });
      await queue.enqueue({ task: 'ping', payload: { v: 2 }, dedupeKey: 'article:7' });
      await queue.enqueue({ task: 'ping', payload: { v: 3 }, dedupeKey: 'article:8' });
      const waiting = await queue.list({ status: 'queued' });
      expect(waiting.map((j) => [j.dedupeKey, j.payload])).toEqual([
        ['article:7', { v: 2 }],
        ['article:8', { v: 3 }],
      ]);
      await start({ ping: recorder(calls) });
      await waitFor(async () => (await unfinished()).length === 0, 'both jobs to finish');
      await sleep(SETTLE_MS);
      expect(calls.map((c) => c.payload)).toEqual([{ v: 2 }, { v: 3 }]);
    });

    it('queues a new job when the job holding the dedupe key is already running', async () => {
      const calls: Call[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const { queue } = fx.engine;
      await queue.enqueue({ task: 'sync', payload: { v: 1 }, dedupeKey: 'feed' });
      await start({ sync: recorder(calls, () => gate) });
      await waitFor(() => calls.length === 1, 'the first job to start');
      await queue.enqueue({ task: 'sync', payload: { v: 2 }, dedupeKey: 'feed' });
      release();
      await waitFor(async () => (await unfinished()).length === 0, 'both jobs to finish');
      expect(calls.map((c) => c.payload)).toEqual([{ v: 1 }, { v: 2 }]);
    });

    it('yieldToJobsAfter leaves a job queued under the key after that job alone, and queues otherwise', async () => {
      const { queue } = fx.engine;
      await queue.enqueue({ task: 'ping', payload: { v: 'older' }, dedupeKey: 'item:3' });
      const [older] = await queue.list({ status: 'queued' });
      // The waiting job is the continuing job itself, not a newer one: it is replaced.
      await queue.enqueue({
        task: 'ping',
        payload: { v: 'replaces the older one' },
        dedupeKey: 'item:3',
        yieldToJobsAfter: older!.id,
      });
      await queue.enqueue({ task: 'ping', payload: { v: 'newer' }, dedupeKey: 'item:1' });
      await queue.enqueue({
        task: 'ping',
        payload: { v: 'continuation' },
        dedupeKey: 'item:1',
        yieldToJobsAfter: older!.id,
      });
      await queue.enqueue({
        task: 'ping',
        payload: { v: 'alone' },
        dedupeKey: 'item:2',
        yieldToJobsAfter: older!.id,
      });
      const waiting = await queue.list({ status: 'queued' });
      expect(waiting.map((j) => [j.dedupeKey, j.payload])).toEqual([
        ['item:3', { v: 'replaces the older one' }],
        ['item:1', { v: 'newer' }],
        ['item:2', { v: 'alone' }],
      ]);
    });

    it('yieldToJobsAfter from a running job with the key still queues its continuation', async () => {
      const calls: Call[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const { queue } = fx.engine;
      await queue.enqueue({ task: 'sync', payload: { v: 1 }, dedupeKey: 'feed' });
      await start({ sync: recorder(calls, () => gate) });
      await waitFor(() => calls.length === 1, 'the first job to start');
      await queue.enqueue({
        task: 'sync',
        payload: { v: 2 },
        dedupeKey: 'feed',
        yieldToJobsAfter: (await queue.list({ status: 'running' }))[0]!.id,
      });
      release();
      await waitFor(async () => (await unfinished()).length === 0, 'both jobs to finish');
      expect(calls.map((c) => c.payload)).toEqual([{ v: 1 }, { v: 2 }]);
    });

    it('retries a failed job after a backoff and records the error', async () => {
      const calls: Call[] = [];
      const flaky = recorder(calls, async ({ helpers }) => {
        if (helpers.attempt === 1) throw new Error('upstream said 503');
      });
      await fx.engine.queue.enqueue({ task: 'flaky', payload: {} });
      await start({ flaky });
      let failed: JobInfo | undefined;
      await waitFor(async () => {
        [failed] = await fx.engine.queue.list({ status: 'queued' });
        return failed?.attempts === 1;
      }, 'the first failure to be recorded');
      expect(failed?.lastError).toBe('upstream said 503');
      const delay = failed!.runAt.getTime() - (await fx.now()).getTime();
      // Both engines: exp(1) seconds after the failure.
      expect(delay).toBeGreaterThan(2000);
      expect(delay).toBeLessThanOrEqual(2719);
      await sleep(SETTLE_MS);
      expect(calls).toHaveLength(1);
      await fx.advance(3000);
      await waitFor(async () => (await unfinished()).length === 0, 'the retry to succeed');
      expect(calls.map((c) => c.helpers.attempt)).toEqual([1, 2]);
    });

    it('marks a job dead once its attempts are used up', async () => {
      const calls: Call[] = [];
      const failing = recorder(calls, async () => {
        throw new Error('no endpoint');
      });
      await fx.engine.queue.enqueue({ task: 'doomed', payload: {}, maxAttempts: 2 });
      await start({ doomed: failing });
      await waitFor(() => calls.length === 1, 'the first attempt');
      await waitFor(async () => (await fx.engine.queue.list())[0]?.lastError != null, 'failure');
      await fx.advance(3000);
      let dead: JobInfo[] = [];
      await waitFor(async () => {
        dead = await fx.engine.queue.list({ status: 'dead' });
        return dead.length === 1;
      }, 'the job to die');
      expect(dead[0]).toMatchObject({ attempts: 2, maxAttempts: 2, lastError: 'no endpoint' });
      await fx.advance(24 * 60 * 60 * 1000);
      await sleep(SETTLE_MS);
      expect(calls).toHaveLength(2);
    });

    it('retry() requeues a dead job with its attempts reset', async () => {
      const calls: Call[] = [];
      let healthy = false;
      const handler = recorder(calls, async () => {
        if (!healthy) throw new Error('down');
      });
      await fx.engine.queue.enqueue({ task: 'revive', payload: { n: 1 }, maxAttempts: 1 });
      await start({ revive: handler });
      let dead: JobInfo[] = [];
      await waitFor(async () => {
        dead = await fx.engine.queue.list({ status: 'dead' });
        return dead.length === 1;
      }, 'the job to die');
      healthy = true;
      expect(await fx.engine.queue.retry(dead[0]!.id)).toBe(true);
      await waitFor(async () => (await unfinished()).length === 0, 'the retried job to finish');
      expect(calls.map((c) => c.helpers.attempt)).toEqual([1, 1]);
      expect(await fx.engine.queue.retry('999999')).toBe(false);
      expect(await fx.engine.queue.retry('not-an-id')).toBe(false);
    });

    it('keeps a job enqueued in a transaction only if the transaction commits', async () => {
      const { queue } = fx.engine;
      await expect(
        fx.store.db.transaction().execute(async (trx) => {
          await queue.enqueue({ task: 'tx', payload: { kept: false } }, trx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await fx.store.db.transaction().execute(async (trx) => {
        await queue.enqueue({ task: 'tx', payload: { kept: true } }, trx);
      });
      expect((await queue.list()).map((j) => j.payload)).toEqual([{ kept: true }]);
      const calls: Call[] = [];
      await start({ tx: recorder(calls) });
      await waitFor(() => calls.length === 1, 'the committed job');
      await sleep(SETTLE_MS);
      expect(calls.map((c) => c.payload)).toEqual([{ kept: true }]);
    });

    it('stop() waits for the running job to finish', async () => {
      const events: string[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      await fx.engine.queue.enqueue({ task: 'slow', payload: {} });
      const worker = await fx.engine.start(
        {
          slow: async () => {
            events.push('started');
            await gate;
            events.push('finished');
          },
        },
        { concurrency: 1, pollIntervalMs: POLL_MS },
      );
      await waitFor(() => events.includes('started'), 'the job to start');
      const stopped = worker.stop().then(() => events.push('stopped'));
      await sleep(100);
      expect(events).toEqual(['started']);
      release();
      await stopped;
      expect(events).toEqual(['started', 'finished', 'stopped']);
      expect(await unfinished()).toEqual([]);
    });

    it('stop() records the failure of a job that fails while stopping', async () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      await fx.engine.queue.enqueue({ task: 'doomed', payload: {} });
      const worker = await fx.engine.start(
        {
          doomed: async () => {
            started = true;
            await gate;
            throw new Error('failed during shutdown');
          },
        },
        { concurrency: 1, pollIntervalMs: POLL_MS },
      );
      await waitFor(() => started, 'the job to start');
      const stopped = worker.stop();
      release();
      await stopped;
      const [job] = await fx.engine.queue.list();
      expect(job).toMatchObject({
        status: 'queued',
        attempts: 1,
        lastError: 'failed during shutdown',
      });
    });

    it('runs a job again once the lease of the worker that claimed it expires', async () => {
      const calls: Call[] = [];
      await fx.abandonClaim({ task: 'orphan', payload: { n: 1 } });
      expect((await fx.engine.queue.list())[0]?.status).toBe('running');
      await start({ orphan: recorder(calls) });
      await sleep(SETTLE_MS);
      expect(calls).toHaveLength(0);
      await fx.advance(fx.leaseMs + 1000);
      await waitFor(() => calls.length === 1, 'the orphaned job to run');
      expect(calls[0]!.helpers.attempt).toBe(2);
      await waitFor(async () => (await unfinished()).length === 0, 'the job to finish');
    });

    it('runs at most `concurrency` jobs at once', async () => {
      let inFlight = 0;
      let peak = 0;
      let done = 0;
      for (let i = 0; i < 6; i++) await fx.engine.queue.enqueue({ task: 'busy', payload: { i } });
      await start(
        {
          busy: async () => {
            peak = Math.max(peak, ++inFlight);
            await sleep(60);
            inFlight--;
            done++;
          },
        },
        3,
      );
      await waitFor(() => done === 6, 'all six jobs');
      expect(peak).toBe(3);
    });

    it('leaves jobs of tasks it has no handler for', async () => {
      const calls: Call[] = [];
      await fx.engine.queue.enqueue({ task: 'known', payload: {} });
      await fx.engine.queue.enqueue({ task: 'unknown', payload: {} });
      await start({ known: recorder(calls) });
      await waitFor(() => calls.length === 1, 'the known job');
      await sleep(SETTLE_MS);
      const left = await unfinished();
      expect(left.map((j) => [j.task, j.status, j.attempts])).toEqual([['unknown', 'queued', 0]]);
    });
  });
}
