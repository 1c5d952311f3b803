/**
 * The engines the job contract suite runs against, each in a throwaway namespace: SQLite in a
 * fresh temp file with a pinned clock; PostgreSQL (when NEWSDESK_TEST_PG_URL is set) in a fresh
 * graphile-worker schema `gw_test_<random>` that is dropped afterwards. graphile-worker only
 * touches its own schema, so our tables need no isolation here.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { silentLogger } from '../../src/app/ports.js';
import { createJobEngine } from '../../src/jobs/index.js';
import type { EnqueueRequest, JobEngine } from '../../src/jobs/contract.js';
import { HEARTBEATS_TABLE } from '../../src/jobs/postgres/sql/install-heartbeats.js';
import { claimJob } from '../../src/jobs/sqlite/sql/claim.js';
import { openPostgres, openSqlite, type Store } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export interface EngineFixture {
  readonly engine: JobEngine;
  readonly store: Store;
  /** How long a claim survives its worker's death (SQLite lease; PostgreSQL staleAfterMs). */
  readonly leaseMs: number;
  /** The queue's own now (pinned clock, or the database's). */
  now(): Promise<Date>;
  /**
   * Moves the queue's time forward: SQLite advances the pinned clock; PostgreSQL, whose clock is
   * the database's, moves every job's run_at and locked_at, and every heartbeat, back instead.
   */
  advance(ms: number): Promise<void>;
  /** Enqueues a job and leaves it claimed by a worker that died before finishing it. */
  abandonClaim(req: EnqueueRequest): Promise<void>;
  close(): Promise<void>;
}

export interface EngineKind {
  readonly name: 'sqlite' | 'postgres';
  /** Null when the engine can run here, else why not. */
  readonly skipReason: string | null;
  create(): Promise<EngineFixture>;
}

export const SQLITE_LEASE_MS = 1000;
/** The PostgreSQL engine's default staleAfterMs: a worker silent this long is taken for dead. */
export const PG_STALE_AFTER_MS = 60_000;
/** Beats often, so a stale heartbeat is noticed within a few polls once time has moved. */
const PG_HEARTBEAT_INTERVAL_MS = 50;

export function tempSqliteFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-jobs-'));
  return {
    file: join(dir, 'jobs.sqlite'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function uniqueSchema(): string {
  return `gw_test_${randomBytes(6).toString('hex')}`;
}

async function createSqliteFixture(): Promise<EngineFixture> {
  const temp = tempSqliteFile();
  const store = openSqlite(temp.file);
  await migrateToLatest(store);
  let now = new Date('2026-03-01T09:00:00.000Z');
  const engine = createJobEngine(store, {
    clock: () => now,
    logger: silentLogger,
    workerId: 'test-worker',
    sqlite: { leaseMs: SQLITE_LEASE_MS, reclaimIntervalMs: 0 },
  });
  await engine.prepare();
  return {
    engine,
    store,
    leaseMs: SQLITE_LEASE_MS,
    now: async () => now,
    async advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    async abandonClaim(req) {
      await engine.queue.enqueue(req);
      const leaseUntil = new Date(now.getTime() + SQLITE_LEASE_MS);
      await claimJob(store.db, { workerId: 'dead-worker', tasks: [req.task], now, leaseUntil });
    },
    async close() {
      await store.close();
      temp.remove();
    },
  };
}

export async function dropSchema(store: Store, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
}

function createPostgresFixture(url: string) {
  return async (): Promise<EngineFixture> => {
    const schema = uniqueSchema();
    const store = openPostgres(url, 4);
    const engine = createJobEngine(store, {
      clock: () => new Date(),
      logger: silentLogger,
      postgres: {
        schema,
        heartbeatIntervalMs: PG_HEARTBEAT_INTERVAL_MS,
        staleAfterMs: PG_STALE_AFTER_MS,
      },
    });
    await engine.prepare();
    const jobsTable = sql.id(schema, '_private_jobs');
    const heartbeats = sql.id(schema, HEARTBEATS_TABLE);
    return {
      engine,
      store,
      leaseMs: PG_STALE_AFTER_MS,
      async now() {
        const { rows } = await sql<{ now: Date }>`select now() as now`.execute(store.db);
        return rows[0]!.now;
      },
      async advance(ms) {
        const by = sql`make_interval(secs => ${ms / 1000})`;
        await sql`update ${jobsTable}
          set run_at = run_at - ${by}, locked_at = locked_at - ${by}`.execute(store.db);
        // A live worker's next beat stamps its row again; a dead one's stays behind.
        await sql`update ${heartbeats} set beat_at = beat_at - ${by}`.execute(store.db);
      },
      async abandonClaim(req) {
        await engine.queue.enqueue(req);
        // What graphile's get_job and our heartbeat write for a pool that then vanished.
        await sql`update ${jobsTable} set locked_at = now(), locked_by = 'dead-worker',
          attempts = attempts + 1 where locked_at is null`.execute(store.db);
        await sql`insert into ${heartbeats} (worker_id, beat_at)
          values ('dead-worker', now())`.execute(store.db);
      },
      async close() {
        await dropSchema(store, schema);
        await store.close();
      },
    };
  };
}

/** The one place tests read NEWSDESK_TEST_PG_URL. */
export function testPostgresUrl(): string | null {
  return process.env['NEWSDESK_TEST_PG_URL'] || null;
}

export const PG_SKIP_MESSAGE =
  'PostgreSQL job tests were skipped because NEWSDESK_TEST_PG_URL is unset ' +
  '(e.g. NEWSDESK_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres).';

export function engineKinds(): EngineKind[] {
  const pgUrl = testPostgresUrl();
  return [
    { name: 'sqlite', skipReason: null, create: createSqliteFixture },
    {
      name: 'postgres',
      skipReason: pgUrl ? null : PG_SKIP_MESSAGE,
      create: pgUrl
        ? createPostgresFixture(pgUrl)
        : () => Promise.reject(new Error(PG_SKIP_MESSAGE)),
    },
  ];
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
