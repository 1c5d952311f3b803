import { afterEach, beforeEach, expect, it } from 'vitest';
import { listDeliveries } from '../src/app/fediverse/admin.js';
import { silentLogger } from '../src/app/ports.js';
import { fediverseCommand } from '../src/cli/commands/fediverse.js';
import { UsageError } from '../src/cli/command.js';
import { loadConfig } from '../src/config/config.js';
import { followerBook } from '../src/fediverse/followers.js';
import { storeKvStore } from '../src/store/fediverse-kv.js';
import { FEDIVERSE_MESSAGE_TASK, jobMessageQueue } from '../src/fediverse/message-queue.js';
import { createJobEngine } from '../src/jobs/index.js';
import { openSqlite, type Store } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const outbox = {
  type: 'outbox',
  id: 'b5a1c7e0-0000-4000-8000-000000000001',
  inbox: 'https://remote.example/inbox',
  activityId: 'https://news.example/ap/articles/1#create',
  activityType: 'Create',
  attempt: 0,
};

describeEachDialect('the Fedify message queue over our job queue', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await dialect.open();
    await migrateToLatest(store);
  });
  afterEach(() => store.dispose());

  const engineOn = async (s: Store) => {
    const engine = createJobEngine(s, {
      clock: () => new Date(),
      logger: silentLogger,
      postgres: { schema: store.env['NEWSDESK_PG_JOBS_SCHEMA'] ?? 'graphile_worker' },
      sqlite: { leaseMs: 1000 },
    });
    await engine.prepare();
    return engine;
  };

  it('keeps a queued outgoing delivery across a restart and runs it on the next worker', async () => {
    const first = await engineOn(store);
    await jobMessageQueue(first.queue).enqueue(outbox);
    await store.close();

    // A new process: a new connection to the same database.
    const reopened =
      dialect.name === 'sqlite' ? openSqlite(store.databaseUrl) : await reopen(store);
    try {
      const engine = await engineOn(reopened);
      const waiting = await listDeliveries(engine.queue, FEDIVERSE_MESSAGE_TASK);
      expect(waiting).toMatchObject([
        { inbox: outbox.inbox, activityType: 'Create', status: 'queued' },
      ]);
      const seen: unknown[] = [];
      const worker = await engine.start(
        {
          [FEDIVERSE_MESSAGE_TASK]: (payload) => {
            seen.push(payload);
            return Promise.resolve();
          },
        },
        { concurrency: 1, pollIntervalMs: 50 },
      );
      const end = Date.now() + 15_000;
      while (seen.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      await worker.stop();
      expect(seen).toEqual([{ message: outbox }]);
    } finally {
      await reopened.close();
    }
  }, 30_000);

  it('schedules a delayed message (a Fedify retry) for later, not now', async () => {
    const engine = await engineOn(store);
    const now = new Date('2026-12-01T10:00:00.000Z');
    await jobMessageQueue(engine.queue, () => now).enqueue(
      { ...outbox, attempt: 2 },
      { delay: { days: 0, hours: 0, minutes: 5, seconds: 0, milliseconds: 0 } as never },
    );
    const [job] = await engine.queue.list();
    expect(job?.runAt.toISOString()).toBe('2026-12-01T10:05:00.000Z');
    expect(
      await listDeliveries(engine.queue, FEDIVERSE_MESSAGE_TASK, { status: 'failed' }),
    ).toMatchObject([{ inbox: outbox.inbox, attempts: 2, status: 'failed' }]);
  });
});

async function reopen(store: TestStore): Promise<Store> {
  const { openPostgres } = await import('../src/store/database.js');
  return openPostgres(store.databaseUrl, 2);
}

describeEachDialect('newsdesk fediverse followers and deliveries', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await dialect.open();
    await migrateToLatest(store);
  });
  afterEach(() => store.dispose());
  const config = () =>
    loadConfig({
      ...store.env,
      NEWSDESK_SITE_URL: 'https://news.example',
      NEWSDESK_LOG_LEVEL: 'silent',
    });
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await fediverseCommand.run(
      args,
      { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
      config,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('lists followers as JSON and as text with hostile handles made harmless', async () => {
    await followerBook(storeKvStore(store.db)).add('site', {
      id: 'https://remote.example/users/bob',
      inbox: 'https://remote.example/users/bob/inbox',
      sharedInbox: 'https://remote.example/inbox',
      handle: '@bob\u001b[31m@remote.example',
      since: '2026-12-01T10:00:00.000Z',
    });
    const json = await run(['followers', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject([{ id: 'https://remote.example/users/bob' }]);
    const text = await run(['followers']);
    expect(text.out).toContain('https://remote.example/users/bob');
    expect(text.out).not.toContain('\u001b');
  });

  it('says so when nothing waits, and refuses an unknown status or subcommand', async () => {
    const empty = await run(['deliveries', '--status', 'failed']);
    expect(empty.code).toBe(0);
    expect(empty.err).toContain('no deliveries');
    await expect(run(['deliveries', '--status', 'bogus'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['nonsense'])).rejects.toBeInstanceOf(UsageError);
  });
});
