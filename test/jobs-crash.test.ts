/**
 * Jobs survive their worker process: one killed with SIGKILL mid-job leaves the job to the next
 * worker (SQLite: its lease expires; PostgreSQL: its heartbeat goes stale), a slow job on a live
 * worker is never taken from it, and two worker processes on one database run each job exactly
 * once. Children run the real sources through test/support/jobs-ts-loader.mjs, with short timings
 * so that a takeover happens within seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { createJobEngine } from '../src/jobs/index.js';
import type { JobEngine } from '../src/jobs/contract.js';
import { HEARTBEATS_TABLE } from '../src/jobs/postgres/sql/install-heartbeats.js';
import { openPostgres, openSqlite, type Store } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { WorkerArgs } from './support/jobs-crash-worker.js';
import {
  PG_SKIP_MESSAGE,
  dropSchema,
  sleep,
  tempSqliteFile,
  testPostgresUrl,
  uniqueSchema,
  waitFor,
} from './support/jobs-engines.js';

const here = dirname(fileURLToPath(import.meta.url));
const LOADER = join(here, 'support', 'jobs-ts-loader.mjs');
const CHILD = join(here, 'support', 'jobs-crash-worker.ts');

/** The children's timings: SQLite lease; PostgreSQL heartbeat interval and stale limit. */
const TIMING = { leaseMs: 600, heartbeatIntervalMs: 200, staleAfterMs: 1500 } as const;

interface Target {
  readonly store: Store;
  readonly engine: JobEngine;
  readonly args: Pick<WorkerArgs, 'sqliteFile' | 'pgUrl' | 'pgSchema'>;
  readonly out: string;
  /** How long a dead worker's claim holds: the SQLite lease, the PostgreSQL staleAfterMs. */
  readonly takeoverMs: number;
  /** PostgreSQL: how many heartbeat rows (one per running worker); SQLite: null. */
  heartbeats(): Promise<number | null>;
  close(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const temp = tempSqliteFile();
  const store = openSqlite(temp.file);
  await migrateToLatest(store);
  const engine = createJobEngine(store, { clock: () => new Date(), logger: silentLogger });
  return {
    store,
    engine,
    args: { sqliteFile: temp.file },
    out: join(dirname(temp.file), 'out.txt'),
    takeoverMs: TIMING.leaseMs,
    heartbeats: async () => null,
    async close() {
      await store.close();
      temp.remove();
    },
  };
}

async function postgresTarget(url: string): Promise<Target> {
  const temp = tempSqliteFile();
  const schema = uniqueSchema();
  const store = openPostgres(url, 4);
  const engine = createJobEngine(store, {
    clock: () => new Date(),
    logger: silentLogger,
    postgres: { schema },
  });
  await engine.prepare();
  return {
    store,
    engine,
    args: { pgUrl: url, pgSchema: schema },
    out: join(dirname(temp.file), 'out.txt'),
    takeoverMs: TIMING.staleAfterMs,
    async heartbeats() {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.id(schema, HEARTBEATS_TABLE)}`.execute(store.db);
      return rows[0]?.n ?? 0;
    },
    async close() {
      await dropSchema(store, schema);
      await store.close();
      temp.remove();
    },
  };
}

const children = new Set<ChildProcess>();

type RunArgs = Pick<WorkerArgs, 'hang' | 'concurrency' | 'jobMs'>;

function startWorker(target: Target, run: RunArgs): Promise<ChildProcess> {
  const args: WorkerArgs = { ...target.args, ...TIMING, out: target.out, ...run };
  const child = spawn(process.execPath, ['--import', LOADER, CHILD, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited early with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

const targets: Array<[string, (() => Promise<Target>) | null]> = [
  ['sqlite', sqliteTarget],
  ['postgres', ((url) => (url ? () => postgresTarget(url) : null))(testPostgresUrl())],
];

for (const [name, makeTarget] of targets) {
  if (!makeTarget) console.warn(PG_SKIP_MESSAGE);
  const suite = makeTarget ? describe : describe.skip;

  suite(`job worker processes on ${name}`, () => {
    let target: Target | null = null;

    afterEach(async () => {
      await Promise.all([...children].map((c) => stopWorker(c, 'SIGKILL')));
      await target?.close();
      target = null;
    });

    /** Every job has finished (SQLite keeps done rows; graphile deletes them). */
    const allDone = async () =>
      (await target!.engine.queue.list()).every((j) => j.status === 'done');
    /** PostgreSQL's heartbeat row count, or null on SQLite. */
    const rowsIfPostgres = (n: number) => (target!.args.pgUrl ? n : null);

    it('runs a job to completion once more soon after its worker is killed mid-job', async () => {
      target = await makeTarget!();
      const { engine, out } = target;
      await engine.queue.enqueue({ task: 'append', payload: { id: 'job-1' } });
      const first = await startWorker(target, { hang: true, concurrency: 1 });
      await waitFor(() => lines(out).length === 1, 'the first worker to start the job');
      expect(await target.heartbeats()).toBe(rowsIfPostgres(1));
      await stopWorker(first, 'SIGKILL');
      const killedAt = Date.now();
      expect((await engine.queue.list())[0]?.status).toBe('running');

      const second = await startWorker(target, { hang: false, concurrency: 1 });
      await waitFor(allDone, 'the second worker to finish the job');
      // Within seconds of the takeover time, not graphile's 4 hours.
      expect(Date.now() - killedAt).toBeLessThan(target.takeoverMs + 4000);
      await sleep(300);
      // The dead worker's heartbeat went with its jobs; the second worker's is the only one.
      expect(await target.heartbeats()).toBe(rowsIfPostgres(1));
      await stopWorker(second, 'SIGTERM');
      expect(lines(out)).toEqual([`job-1 ${first.pid}`, `job-1 ${second.pid}`]);
      expect(await target.heartbeats()).toBe(rowsIfPostgres(0));
    });

    it('never takes a job from a live worker, however long past the takeover time', async () => {
      target = await makeTarget!();
      const { engine, out } = target;
      const jobMs = target.takeoverMs + 500;
      const workers = await Promise.all(
        [1, 2].map(() => startWorker(target!, { hang: false, concurrency: 1, jobMs })),
      );
      await engine.queue.enqueue({ task: 'append', payload: { id: 'slow' } });
      await waitFor(() => lines(out).length === 1, 'a worker to start the job');
      await waitFor(allDone, 'the slow job to finish', jobMs + 5000);
      await sleep(300);
      await Promise.all(workers.map((w) => stopWorker(w, 'SIGTERM')));
      expect(lines(out).map((l) => l.split(' ')[0])).toEqual(['slow']);
    });

    it('runs each of 200 jobs exactly once across two worker processes', async () => {
      target = await makeTarget!();
      const { engine, out } = target;
      const workers = await Promise.all(
        [1, 2].map(() => startWorker(target!, { hang: false, concurrency: 4, jobMs: 5 })),
      );
      const ids = Array.from({ length: 200 }, (_, i) => `job-${i}`);
      await target.store.db.transaction().execute(async (trx) => {
        for (const id of ids) await engine.queue.enqueue({ task: 'append', payload: { id } }, trx);
      });
      await waitFor(() => lines(out).length >= 200, 'all 200 jobs', 20_000);
      await sleep(300);
      expect(await target.heartbeats()).toBe(rowsIfPostgres(2));
      await Promise.all(workers.map((w) => stopWorker(w, 'SIGTERM')));
      const seen = lines(out);
      expect(seen.map((l) => l.split(' ')[0]).sort()).toEqual([...ids].sort());
      const pids = new Set(seen.map((l) => l.split(' ')[1]));
      expect(pids.size).toBe(2);
      // A graceful stop deletes the worker's heartbeat.
      expect(await target.heartbeats()).toBe(rowsIfPostgres(0));
    });
  });
}
