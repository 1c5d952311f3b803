/**
 * Jobs survive their worker process: one killed with SIGKILL mid-job leaves the job to the next
 * worker (SQLite: the lease expires; PostgreSQL: graphile-worker's 4-hour lock timeout, which the
 * test stands in for by backdating locked_at), and two worker processes on one database run each
 * job exactly once. Children run the real sources through test/support/jobs-ts-loader.mjs.
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

interface Target {
  readonly store: Store;
  readonly engine: JobEngine;
  readonly args: Pick<WorkerArgs, 'sqliteFile' | 'pgUrl' | 'pgSchema'>;
  readonly out: string;
  /** Makes locks held by dead workers reclaimable now. */
  expireLocks(): Promise<void>;
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
    // The lease (600 ms in the child) runs out by itself.
    expireLocks: async () => {},
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
    async expireLocks() {
      await sql`update ${sql.id(schema, '_private_jobs')}
        set locked_at = locked_at - interval '4 hours 1 minute'
        where locked_at is not null`.execute(store.db);
    },
    async close() {
      await dropSchema(store, schema);
      await store.close();
      temp.remove();
    },
  };
}

const children = new Set<ChildProcess>();

function startWorker(args: WorkerArgs): Promise<ChildProcess> {
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

    it('runs a job to completion once more after its worker is killed mid-job', async () => {
      target = await makeTarget!();
      const { engine, out } = target;
      await engine.queue.enqueue({ task: 'append', payload: { id: 'job-1' } });
      const first = await startWorker({ ...target.args, out, hang: true, concurrency: 1 });
      await waitFor(() => lines(out).length === 1, 'the first worker to start the job');
      await stopWorker(first, 'SIGKILL');
      expect((await engine.queue.list())[0]?.status).toBe('running');

      await target.expireLocks();
      const second = await startWorker({ ...target.args, out, hang: false, concurrency: 1 });
      await waitFor(
        async () => (await engine.queue.list()).every((j) => j.status === 'done'),
        'the second worker to finish the job',
      );
      await sleep(800); // longer than a lease: nothing else is left to reclaim
      await stopWorker(second, 'SIGTERM');
      expect(lines(out)).toEqual([`job-1 ${first.pid}`, `job-1 ${second.pid}`]);
    });

    it('runs each of 200 jobs exactly once across two worker processes', async () => {
      target = await makeTarget!();
      const { engine, out } = target;
      const workers = await Promise.all(
        [1, 2].map(() =>
          startWorker({ ...target!.args, out, hang: false, concurrency: 4, jobMs: 5 }),
        ),
      );
      const ids = Array.from({ length: 200 }, (_, i) => `job-${i}`);
      await target.store.db.transaction().execute(async (trx) => {
        for (const id of ids) await engine.queue.enqueue({ task: 'append', payload: { id } }, trx);
      });
      await waitFor(() => lines(out).length >= 200, 'all 200 jobs', 20_000);
      await sleep(300);
      await Promise.all(workers.map((w) => stopWorker(w, 'SIGTERM')));
      const seen = lines(out);
      expect(seen.map((l) => l.split(' ')[0]).sort()).toEqual([...ids].sort());
      const pids = new Set(seen.map((l) => l.split(' ')[1]));
      expect(pids.size).toBe(2);
    });
  });
}
