/**
 * The PostgreSQL engine's heartbeat operations on a real database (skipped without
 * NEWSDESK_TEST_PG_URL): which workers count as dead, what their jobs become, and that two live
 * workers reclaiming at once never both take the same dead worker.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { createJobEngine } from '../src/jobs/index.js';
import type { JobEngine } from '../src/jobs/contract.js';
import { HEARTBEATS_TABLE } from '../src/jobs/postgres/sql/install-heartbeats.js';
import { reclaimStaleWorkers } from '../src/jobs/postgres/sql/reclaim-stale-workers.js';
import { releaseWorker } from '../src/jobs/postgres/sql/release-worker.js';
import { openPostgres, type Store } from '../src/store/database.js';
import {
  PG_SKIP_MESSAGE,
  dropSchema,
  testPostgresUrl,
  uniqueSchema,
} from './support/jobs-engines.js';

const url = testPostgresUrl();
if (!url) console.warn(PG_SKIP_MESSAGE);
const suite = url ? describe : describe.skip;

const STALE_MS = 60_000;

suite('job worker heartbeats on postgres', () => {
  let store: Store;
  let schema: string;
  let engine: JobEngine;

  // One schema for the file (graphile's migrations take a while); each test starts empty.
  beforeAll(async () => {
    store = openPostgres(url!, 6);
    schema = uniqueSchema();
    engine = createJobEngine(store, {
      clock: () => new Date(),
      logger: silentLogger,
      postgres: { schema },
    });
    // Twice at once: the install is safe to repeat and to race.
    await Promise.all([engine.prepare(), engine.prepare()]);
  });
  beforeEach(async () => {
    await sql`delete from ${sql.id(schema, '_private_jobs')}`.execute(store.db);
    await sql`delete from ${sql.id(schema, HEARTBEATS_TABLE)}`.execute(store.db);
  });
  afterAll(async () => {
    await dropSchema(store, schema);
    await store.close();
  });

  /** Enqueues a job and locks it under `worker`, as graphile's get_job does. */
  async function claimed(worker: string, maxAttempts = 5): Promise<void> {
    await engine.queue.enqueue({ task: 't', payload: { worker }, maxAttempts });
    await sql`update ${sql.id(schema, '_private_jobs')}
      set locked_at = now(), locked_by = ${worker}, attempts = attempts + 1
      where locked_at is null and payload->>'worker' = ${worker}`.execute(store.db);
  }

  async function beat(worker: string, secondsAgo: number): Promise<void> {
    await sql`insert into ${sql.id(schema, HEARTBEATS_TABLE)} (worker_id, beat_at)
      values (${worker}, now() - make_interval(secs => ${secondsAgo}))`.execute(store.db);
  }

  async function heartbeatIds(): Promise<string[]> {
    const { rows } = await sql<{ worker_id: string }>`
      select worker_id from ${sql.id(schema, HEARTBEATS_TABLE)} order by worker_id`.execute(
      store.db,
    );
    return rows.map((r) => r.worker_id);
  }

  const jobsByWorker = async () =>
    Object.fromEntries(
      (await engine.queue.list()).map((j) => [
        (j.payload as { worker: string }).worker,
        { status: j.status, lastError: j.lastError },
      ]),
    );

  it('releases the jobs of workers whose heartbeat is stale, never its own', async () => {
    await claimed('dead');
    await claimed('dead-on-last-attempt', 1);
    await claimed('alive');
    await claimed('self');
    await beat('dead', 61);
    await beat('dead-on-last-attempt', 3600);
    await beat('alive', 59);
    await beat('self', 3600);

    const reclaimed = await reclaimStaleWorkers(store.db, schema, {
      self: 'self',
      staleAfterMs: STALE_MS,
    });
    expect(reclaimed.workerIds).toEqual(['dead', 'dead-on-last-attempt']);
    expect(reclaimed.jobIds).toHaveLength(2);
    expect(await heartbeatIds()).toEqual(['alive', 'self']);
    expect(await jobsByWorker()).toEqual({
      dead: {
        status: 'queued',
        lastError: 'heartbeat expired: worker dead stopped without finishing',
      },
      'dead-on-last-attempt': {
        status: 'dead',
        lastError: 'heartbeat expired: worker dead-on-last-attempt stopped without finishing',
      },
      alive: { status: 'running', lastError: null },
      self: { status: 'running', lastError: null },
    });
    // Nothing else is stale but this worker's own row.
    const again = await reclaimStaleWorkers(store.db, schema, {
      self: 'self',
      staleAfterMs: STALE_MS,
    });
    expect(again).toEqual({ workerIds: [], jobIds: [] });
  });

  it('gives each dead worker to exactly one of several workers reclaiming at once', async () => {
    const dead = Array.from({ length: 8 }, (_, i) => `dead-${i}`);
    for (const worker of dead) {
      await claimed(worker);
      await beat(worker, 120);
    }
    const results = await Promise.all(
      ['a', 'b', 'c'].map((self) =>
        reclaimStaleWorkers(store.db, schema, { self, staleAfterMs: STALE_MS }),
      ),
    );
    const taken = results.flatMap((r) => r.workerIds);
    expect(taken.sort()).toEqual([...dead].sort());
    expect(results.flatMap((r) => r.jobIds)).toHaveLength(dead.length);
    expect(await heartbeatIds()).toEqual([]);
    expect((await engine.queue.list()).every((j) => j.status === 'queued')).toBe(true);
  });

  it('a stopped worker deletes its heartbeat and lets go of anything it still holds', async () => {
    await claimed('stopping');
    await claimed('other');
    await beat('stopping', 0);
    await beat('other', 0);
    await releaseWorker(store.db, schema, 'stopping');
    expect(await heartbeatIds()).toEqual(['other']);
    expect(await jobsByWorker()).toMatchObject({
      stopping: { status: 'queued', lastError: null },
      other: { status: 'running' },
    });
  });

  it('a running worker keeps its heartbeat fresh and removes it when stopped', async () => {
    const fast = createJobEngine(store, {
      clock: () => new Date(),
      logger: silentLogger,
      postgres: { schema, heartbeatIntervalMs: 20, staleAfterMs: 1000 },
    });
    const worker = await fast.start({ t: async () => {} }, { concurrency: 2, pollIntervalMs: 50 });
    const stamps = async () => {
      const { rows } = await sql<{ worker_id: string; beat_at: Date }>`
        select worker_id, beat_at from ${sql.id(schema, HEARTBEATS_TABLE)}`.execute(store.db);
      return rows;
    };
    let first: Array<{ worker_id: string; beat_at: Date }> = [];
    for (let i = 0; i < 100 && first.length === 0; i++) {
      first = await stamps();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(first).toHaveLength(1);
    expect(first[0]!.worker_id).toMatch(/^pool-/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = await stamps();
    expect(later[0]!.beat_at.getTime()).toBeGreaterThan(first[0]!.beat_at.getTime());
    await worker.stop();
    expect(await stamps()).toEqual([]);
  });

  it('refuses a stale limit shorter than two heartbeats', () => {
    expect(() =>
      createJobEngine(store, {
        clock: () => new Date(),
        logger: silentLogger,
        postgres: { schema, heartbeatIntervalMs: 1000, staleAfterMs: 1500 },
      }),
    ).toThrow(/twice/);
  });
});
