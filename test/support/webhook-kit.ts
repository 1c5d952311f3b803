// A newsroom with webhooks, for the webhook suites: a runtime over a fresh SQLite store with a
// pinned clock, its real job worker, a short retry schedule, and the guarded fetcher opened to
// loopback test servers (or given an injected resolver and connector).
import { silentLogger } from '../../src/app/ports.js';
import type { WebhookSchedule } from '../../src/app/webhooks/schedule.js';
import { loadConfig } from '../../src/config/config.js';
import type { Author } from '../../src/domain/article.js';
import type { WorkerHandle } from '../../src/jobs/contract.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import type { FetcherOptions } from '../../src/net/index.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { TestDialect, TestStore } from './dialects.js';
import { anAuthor } from './fixtures.js';
import { manualClock, SITE } from './linkback-harness.js';
import { OPEN_TO_TEST_SERVERS } from './net-kit.js';

export const SHORT_SCHEDULE: WebhookSchedule = {
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 400,
  disableAfterFailures: 1000,
  disableAfterMs: 0,
};

export interface HookDesk {
  readonly rt: Runtime;
  readonly time: ReturnType<typeof manualClock>;
  readonly author: Author;
  readonly owner: Author;
  readonly env: Readonly<Record<string, string>>;
  settle(): Promise<void>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHookDesk(
  dialect: TestDialect,
  opts: {
    schedule?: Partial<WebhookSchedule>;
    fetcher?: Partial<FetcherOptions>;
    worker?: boolean;
  } = {},
): Promise<HookDesk> {
  const store: TestStore = await dialect.open();
  const config = loadConfig({
    ...store.env,
    NEWSDESK_SITE_URL: SITE,
    NEWSDESK_SITE_TITLE: 'The Test Gazette',
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_TIMEZONE: 'UTC',
  });
  await store.close();
  const time = manualClock();
  const rt = await openRuntime(config, silentLogger, {
    clock: time.clock,
    webhookSchedule: { ...SHORT_SCHEDULE, ...opts.schedule },
    fetcher: {
      ...OPEN_TO_TEST_SERVERS,
      perHostPerMinute: 100_000,
      globalPerMinute: 100_000,
      perHostConcurrency: 16,
      now: () => time.clock().getTime(),
      ...opts.fetcher,
    },
  });
  const author = await anAuthor(rt.deps);
  const made = await addUser(rt.deps, {
    email: 'owner@example.org',
    name: 'Olive Owner',
    role: 'owner',
  });
  if (!made.ok) throw new Error(made.error.message);
  const worker: WorkerHandle | null =
    opts.worker === false
      ? null
      : await rt.jobs.start(rt.tasks, { concurrency: 4, pollIntervalMs: 5 });
  const settle = async () => {
    for (let idle = 0; idle < 3;) {
      const running = await rt.jobs.queue.list({ status: 'running', limit: 1 });
      const [next] = await rt.jobs.queue.list({ status: 'queued', limit: 1 });
      const horizon = time.clock().getTime();
      const busy = running.length > 0 || (next !== undefined && next.runAt.getTime() <= horizon);
      idle = busy ? 0 : idle + 1;
      await new Promise((r) => setTimeout(r, busy ? 10 : 5));
    }
  };
  return {
    rt,
    time,
    author,
    owner: made.value,
    env: { ...store.env, NEWSDESK_SITE_URL: SITE, NEWSDESK_LOG_LEVEL: 'silent' },
    settle,
    async advance(ms) {
      time.advance(ms);
      await settle();
    },
    async close() {
      await worker?.stop();
      await rt.close();
      await store.dispose();
    },
  };
}
