import type { AppDeps } from '../app/deps.js';
import { systemClock, type Clock, type Logger } from '../app/ports.js';
import { loadSiteSettings, type SiteSettings } from '../app/site-settings.js';
import type { Config } from '../config/config.js';
import { createJobEngine } from '../jobs/index.js';
import type { JobEngine, TaskRegistry, WorkerHandle } from '../jobs/contract.js';
import { markdownMarkup } from '../render/markdown.js';
import type { SiteContext } from '../render/theme/site-context.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { createFetcher, type FetcherOptions, type GuardedFetcher } from '../net/index.js';
import { repositories } from '../store/repositories/index.js';
import { unitOfWork } from '../store/unit-of-work.js';
import { taskRegistry } from './tasks.js';

/** Everything a command needs, built once from the config: the only wiring code. */
export interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly deps: AppDeps;
  readonly jobs: JobEngine;
  readonly tasks: TaskRegistry;
  /** The guarded outbound fetcher (linkback verification); closed with the runtime. */
  readonly fetcher: GuardedFetcher;
  readonly site: (settings?: SiteSettings) => Promise<SiteContext>;
  startWorkers(concurrency?: number): Promise<WorkerHandle>;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Config,
  logger: Logger,
  opts: {
    clock?: Clock;
    migrate?: boolean;
    fetcher?: Partial<FetcherOptions>;
    /** Sees every statement the runtime's store runs, with its parameters (tests count them). */
    onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  } = {},
): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const store = openStore(config.database, opts.onQuery ? { onQuery: opts.onQuery } : {});
  try {
    if (opts.migrate !== false) await migrateToLatest(store);
    const jobs = createJobEngine(store, {
      clock,
      logger,
      postgres: { schema: config.jobsSchema },
    });
    await jobs.prepare();
    const repos = repositories(store.db);
    const deps: AppDeps = {
      repos,
      uow: unitOfWork(store, jobs.queue),
      clock,
      logger,
      siteUrl: config.siteUrl,
      timezone: config.timezone,
      markup: markdownMarkup,
    };
    const fetcher = createFetcher({
      userAgent: `Newsdesk/0.1 (+${config.siteUrl}/)`,
      allowLoopback: config.fetchAllowLoopback,
      ...opts.fetcher,
    });
    const tasks = taskRegistry({ deps, config, fetcher });
    const site = async (known?: SiteSettings): Promise<SiteContext> => {
      const settings = known ?? (await loadSiteSettings(repos.settings));
      return {
        title: config.siteTitle,
        url: config.siteUrl,
        timezone: config.timezone,
        description: settings.description,
        language: 'en',
      };
    };
    return {
      config,
      store,
      deps,
      jobs,
      tasks,
      fetcher,
      site,
      startWorkers: (concurrency = 4) => jobs.start(tasks, { concurrency }),
      close: async () => {
        await fetcher.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
