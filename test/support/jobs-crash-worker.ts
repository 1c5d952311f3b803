/**
 * A worker process for test/jobs-crash.test.ts. Argument: JSON WorkerArgs. Runs task `append`,
 * which appends `<payload.id> <pid>` to `out`, then waits `jobMs`, or with `hang` forever. Prints
 * `ready` once started; SIGTERM stops it gracefully.
 */
import { appendFileSync } from 'node:fs';
import { silentLogger } from '../../src/app/ports.js';
import { createJobEngine } from '../../src/jobs/index.js';
import { openPostgres, openSqlite } from '../../src/store/database.js';

export interface WorkerArgs {
  readonly sqliteFile?: string;
  readonly pgUrl?: string;
  readonly pgSchema?: string;
  readonly out: string;
  readonly hang: boolean;
  /** How long each job takes (so two workers interleave). */
  readonly jobMs?: number;
  readonly concurrency: number;
  /** SQLite: the lease (renewed every third of it while a job runs). */
  readonly leaseMs: number;
  /** PostgreSQL: the heartbeat settings. */
  readonly heartbeatIntervalMs: number;
  readonly staleAfterMs: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
const store = args.pgUrl ? openPostgres(args.pgUrl, 2) : openSqlite(args.sqliteFile ?? '');
const engine = createJobEngine(store, {
  clock: () => new Date(),
  logger: silentLogger,
  workerId: `crash-worker-${process.pid}`,
  sqlite: { leaseMs: args.leaseMs, reclaimIntervalMs: 100 },
  postgres: {
    ...(args.pgSchema ? { schema: args.pgSchema } : {}),
    heartbeatIntervalMs: args.heartbeatIntervalMs,
    staleAfterMs: args.staleAfterMs,
  },
});

function readId(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null && 'id' in payload) {
    const { id } = payload;
    if (typeof id === 'string') return id;
  }
  throw new Error('append: payload.id must be a string');
}

const worker = await engine.start(
  {
    append: async (payload) => {
      appendFileSync(args.out, `${readId(payload)} ${process.pid}\n`);
      if (args.hang) await new Promise(() => {});
      if (args.jobMs) await new Promise((resolve) => setTimeout(resolve, args.jobMs));
    },
  },
  { concurrency: args.concurrency, pollIntervalMs: 20 },
);
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
