import { localMediaStorage } from '../adapters/local-media-storage.js';
import { sharpImages } from '../adapters/sharp-images.js';
import type { AppDeps } from '../app/deps.js';
import { DEFAULT_MEDIA_LIMITS, type MediaDeps, type MediaLimits } from '../app/media/deps.js';
import { systemClock, type Clock, type Logger } from '../app/ports.js';
import { loadSiteSettings, type SiteSettings } from '../app/site-settings.js';
import { siteNavigation } from '../app/site/navigation.js';
import { memoisedReaderQueries, versionMemo } from '../app/site/version-memo.js';
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
import { articleEventSubscribers, discussionEventSubscribers } from './events.js';
import { taskRegistry } from './tasks.js';
import { edgeWiring, withoutPurgeJobs } from './edge.js';
import { createMetrics, noMetrics, type Metrics } from './metrics.js';
import { discussionCounts } from '../store/ops-stats.js';
import type { EdgePurger } from '../app/cache/ports.js';
import type { WebhookSchedule } from '../app/webhooks/schedule.js';
import type { FediverseThread } from '../app/fediverse/thread-port.js';
import { fediversePublishSubscriber } from '../fediverse/publish-subscriber.js';
import {
  fediverseDiscussionSubscribers,
  fediverseWiring,
  type FediverseDeliveryOptions,
  type FediverseWiring,
} from './fediverse.js';

/** Everything a command needs, built once from the config: the only wiring code. */
export interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly deps: AppDeps;
  readonly jobs: JobEngine;
  readonly tasks: TaskRegistry;
  /** The media library's deps: the app's, plus file storage and the image codec. */
  readonly media: MediaDeps;
  /** The guarded outbound fetcher (linkback verification); closed with the runtime. */
  readonly fetcher: GuardedFetcher;
  /** A second guarded fetcher, with its own budget, for the comment spam-check service. */
  readonly spamCheckFetcher: GuardedFetcher;
  readonly site: (settings?: SiteSettings) => Promise<SiteContext>;
  /** Prometheus metrics of this process (served at /metrics by `serve`). */
  readonly metrics: Metrics;
  /** What the purge job calls to empty the edge cache by key (none unless configured). */
  readonly purger: EdgePurger;
  /** Federation (src/main/fediverse.ts), when the runtime was given a FediverseThread. */
  readonly fediverse: FediverseWiring | null;
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
    /** False for one-shot commands: no metrics are kept (and prom-client is not loaded). */
    metrics?: boolean;
    /** Sees every statement the runtime's store runs, with its parameters (tests count them). */
    onQuery?: (sql: string, parameters: readonly unknown[]) => void;
    /** Upload limits other than the defaults (tests use small ones). */
    mediaLimits?: Partial<MediaLimits>;
    /** Webhook retries and disabling other than the defaults (tests use short ones). */
    webhookSchedule?: WebhookSchedule;
    /** The discussion side of federation; with it, the site federates (src/main/fediverse.ts). */
    fediverseThread?: (deps: AppDeps) => FediverseThread;
    /** Fediverse delivery retries and circuit other than the defaults (tests use short ones). */
    fediverseDelivery?: FediverseDeliveryOptions;
  } = {},
): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const store = openStore(config.database, {
    lockWaitMs: config.dbLockWaitMs,
    onConnectionLost: (error) =>
      logger.warn({ err: error }, 'database ended a pooled connection; reconnecting on next use'),
    ...(opts.onQuery ? { onQuery: opts.onQuery } : {}),
  });
  try {
    if (opts.migrate !== false) await migrateToLatest(store);
    const jobs = createJobEngine(store, {
      clock,
      logger,
      postgres: { schema: config.jobsSchema },
    });
    await jobs.prepare();
    const metrics =
      opts.metrics === false
        ? noMetrics
        : await createMetrics(
            { jobs: () => jobs.queue.stats(), discussion: () => discussionCounts(store) },
            logger,
          );
    const plain = repositories(store.db);
    // Navigation and related stories, kept per content version (app/site/version-memo.ts).
    const memo = versionMemo({
      version: () => store.contentVersion(),
      now: () => clock().getTime(),
    });
    const repos = { ...plain, reader: memoisedReaderQueries(plain.reader, memo) };
    const deps: AppDeps = {
      repos,
      uow: unitOfWork(
        store,
        withoutPurgeJobs(config, jobs.queue),
        articleEventSubscribers(config, opts.fediverseThread ? [fediversePublishSubscriber] : []),
        discussionEventSubscribers(
          config,
          opts.fediverseThread ? fediverseDiscussionSubscribers : [],
        ),
      ),
      clock,
      logger,
      siteUrl: config.siteUrl,
      timezone: config.timezone,
      markup: markdownMarkup,
    };
    const fetcher = createFetcher({
      userAgent: `Newsdesk/0.1 (+${config.siteUrl}/)`,
      allowLoopback: config.fetchAllowLoopback,
      ...definedOnly({
        allowedPorts: config.fetchAllowedPorts,
        globalPerMinute: config.fetchGlobalPerMinute,
        perHostPerMinute: config.fetchHostPerMinute,
        perHostConcurrency: config.fetchHostConcurrency,
        maxBytes: config.fetchMaxBytes,
      }),
      // The cause of an `unreachable` source is for operators only; callers see one message.
      onUnreachable: (event) => logger.debug({ ...event }, 'fetch: source unreachable'),
      onOutcome: metrics.fetchObserver('linkbacks'),
      ...opts.fetcher,
    });
    // The spam checker gets a fetcher (and so a budget) of its own: a burst of linkback
    // verifications must not use up the requests that comment checks need, or checks would fail
    // open. It only ever talks to the one service URL.
    const spamCheckFetcher = createFetcher({
      userAgent: `Newsdesk/0.1 (+${config.siteUrl}/)`,
      allowLoopback: config.fetchAllowLoopback,
      allowedPorts: spamServicePorts(config.akismetUrl),
      globalPerMinute: 600,
      perHostPerMinute: 600,
      perHostConcurrency: 4,
      onUnreachable: (event) => logger.warn({ ...event }, 'spam check: service unreachable'),
      onOutcome: metrics.fetchObserver('spam-check'),
      ...opts.fetcher,
    });
    const media: MediaDeps = {
      repos,
      uow: deps.uow,
      clock,
      logger,
      storage: localMediaStorage(config.mediaDir),
      images: sharpImages(),
      limits: { ...DEFAULT_MEDIA_LIMITS, ...opts.mediaLimits },
    };
    const edge = edgeWiring(config, logger, {
      onOutcome: metrics.fetchObserver('edge-purge'),
      ...opts.fetcher,
    });
    const fediverse = opts.fediverseThread
      ? fediverseWiring({
          store,
          queue: jobs.queue,
          deps,
          config,
          thread: opts.fediverseThread(deps),
          ...(opts.fetcher ? { fetcher: opts.fetcher } : {}),
          ...(opts.fediverseDelivery ? { delivery: opts.fediverseDelivery } : {}),
        })
      : null;
    const tasks = {
      ...taskRegistry({
        deps,
        config,
        fetcher,
        media,
        purger: edge.purger,
        ...(opts.webhookSchedule ? { webhookSchedule: opts.webhookSchedule } : {}),
      }),
      ...fediverse?.tasks,
    };
    const site = async (known?: SiteSettings): Promise<SiteContext> => {
      const settings = known ?? (await loadSiteSettings(repos.settings));
      return {
        title: config.siteTitle,
        url: config.siteUrl,
        timezone: config.timezone,
        description: settings.description,
        language: 'en',
        logoUrl: settings.logoUrl.startsWith('/')
          ? `${config.siteUrl}${settings.logoUrl}`
          : settings.logoUrl,
        ...(await siteNavigation(deps)),
      };
    };
    return {
      config,
      store,
      deps,
      jobs,
      tasks,
      media,
      fetcher,
      spamCheckFetcher,
      site,
      purger: edge.purger,
      metrics,
      fediverse,
      startWorkers: (concurrency = 4) => jobs.start(tasks, { concurrency }),
      close: async () => {
        await fetcher.close();
        await spamCheckFetcher.close();
        await edge.close();
        await fediverse?.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** HTTPS, plus the port the configured spam-check URL names, if it names one. */
function spamServicePorts(url: string | null): number[] {
  const port = url ? new URL(url).port : '';
  return port === '' ? [443, 80] : [443, 80, Number(port)];
}

/** The entries whose value is set: an unset limit keeps the fetcher's own default. */
function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
