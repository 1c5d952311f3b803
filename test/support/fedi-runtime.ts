/**
 * A runtime that federates, for the fediverse tests: a fresh store of the first dialect, a site
 * URL, loopback reach for the fetcher (the test servers listen on 127.0.0.1 at random ports), the
 * discussion side as a recording thread unless the test gives the site's own, the followers the
 * test names, and its workers. close() undoes it all in order.
 */
import { silentLogger, type Logger } from '../../src/app/ports.js';
import { loadConfig } from '../../src/config/config.js';
import type { WorkerHandle } from '../../src/jobs/contract.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import { testDialects, type TestStore } from './dialects.js';
import { recordingThread } from './recording-thread.js';

type RuntimeOptions = NonNullable<Parameters<typeof openRuntime>[2]>;
type Followers = NonNullable<Runtime['fediverse']>['followers'];
/** A follower of the site actor, as federation stores one. */
export type Follower = Parameters<Followers['add']>[1];

export interface FediRuntimeOptions {
  /** Default `http://news.test`. */
  readonly siteUrl?: string;
  readonly logger?: Logger;
  /** Default: a recording thread (test/support/recording-thread.ts). */
  readonly fediverseThread?: RuntimeOptions['fediverseThread'];
  /** Beyond `allowedPorts: 'any'` (NEWSDESK_FETCH_ALLOW_LOOPBACK=1 is set). */
  readonly fetcher?: RuntimeOptions['fetcher'];
  readonly fediverseDelivery?: RuntimeOptions['fediverseDelivery'];
  /** Followers of the site actor, added before the workers start. */
  readonly followers?: readonly Follower[];
  /** How many workers to start (default 2); 0 leaves starting them to the caller. */
  readonly workers?: number;
}

export interface FediRuntime {
  readonly store: TestStore;
  readonly rt: Runtime;
  /** The environment the runtime was configured from (for CLI commands against it). */
  readonly env: Record<string, string>;
  /** Null when `workers: 0`. */
  readonly workers: WorkerHandle | null;
  close(): Promise<void>;
}

export async function startFediRuntime(opts: FediRuntimeOptions = {}): Promise<FediRuntime> {
  const store = await testDialects()[0]!.open();
  const env = {
    ...store.env,
    NEWSDESK_SITE_URL: opts.siteUrl ?? 'http://news.test',
    NEWSDESK_LOG_LEVEL: 'silent',
    NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
  };
  await store.close();
  let rt: Runtime | undefined;
  let workers: WorkerHandle | null = null;
  const close = async () => {
    await workers?.stop();
    await rt?.close();
    await store.dispose();
  };
  try {
    rt = await openRuntime(loadConfig(env), opts.logger ?? silentLogger, {
      fediverseThread: opts.fediverseThread ?? (() => recordingThread().thread),
      fetcher: { allowedPorts: 'any', ...opts.fetcher },
      ...(opts.fediverseDelivery ? { fediverseDelivery: opts.fediverseDelivery } : {}),
    });
    for (const follower of opts.followers ?? []) {
      await rt.fediverse!.followers.add('site', follower);
    }
    const count = opts.workers ?? 2;
    if (count > 0) workers = await rt.startWorkers(count);
    return { store, rt, env, workers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A follower whose actor and inbox live at `origin`. */
export const followerAt = (origin: string, name: string, handle: string): Follower => ({
  id: `${origin}/users/${name}`,
  inbox: `${origin}/inbox`,
  sharedInbox: null,
  handle,
  since: new Date().toISOString(),
});
