/** Wiring of the edge cache: the policy sent with pages and the purger the purge job calls. */
import {
  cloudflarePurger,
  fastlyPurger,
  noPurger,
  varnishPurger,
} from '../adapters/edge-purgers.js';
import type { EdgePurger } from '../app/cache/ports.js';
import { EDGE_PURGE_TASK } from '../app/cache/purge.js';
import type { Logger } from '../app/ports.js';
import type { Config } from '../config/config.js';
import { createFetcher, type FetcherOptions, type GuardedFetcher } from '../net/index.js';
import type { TransactionalEnqueuer } from '../store/unit-of-work.js';
import { DEFAULT_EDGE_POLICY, type EdgePolicy } from '../web/edge-cache.js';

export function edgePolicy(config: Pick<Config, 'edge'>): EdgePolicy {
  return { ...DEFAULT_EDGE_POLICY, ...config.edge };
}

export interface EdgeWiring {
  readonly purger: EdgePurger;
  close(): Promise<void>;
}

/** The URLs the configured purger talks to (for its fetcher's ports and allowed addresses). */
function purgeUrls(config: Config): string[] {
  const p = config.purge;
  switch (p.kind) {
    case 'none':
      return [];
    case 'varnish':
      return [...p.urls];
    case 'fastly':
    case 'cloudflare':
      return [p.apiUrl];
  }
}

/**
 * The purger, with a guarded fetcher of its own (its own budget: a burst of linkback work must
 * not delay purges). The operator named the edge's URLs, so their literal addresses are let
 * through the address policy (a Varnish on this host or the private network); names resolve and
 * are judged as usual.
 */
export function edgeWiring(
  config: Config,
  logger: Logger,
  overrides: Partial<FetcherOptions> = {},
): EdgeWiring {
  const urls = purgeUrls(config).map((u) => new URL(u));
  if (config.purge.kind === 'none') return { purger: noPurger, close: async () => {} };
  const ports = [
    ...new Set(
      urls.map((u) => (u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port))),
    ),
  ];
  const literals = urls
    .map((u) => u.hostname.replace(/^\[|\]$/g, ''))
    .filter((h) => /^[\d.]+$/.test(h) || h.includes(':'))
    .map((h) => `${h}/${h.includes(':') ? 128 : 32}`);
  const fetcher: GuardedFetcher = createFetcher({
    userAgent: `Newsdesk/0.1 (+${config.siteUrl}/) edge-purge`,
    allowLoopback: config.fetchAllowLoopback,
    allowList: literals,
    allowedPorts: ports,
    globalPerMinute: 6_000,
    perHostPerMinute: 6_000,
    perHostConcurrency: 8,
    onUnreachable: (event) => logger.warn({ ...event }, 'edge purge: cache unreachable'),
    ...overrides,
  });
  const p = config.purge;
  const purger =
    p.kind === 'varnish'
      ? varnishPurger({ urls: p.urls, soft: p.soft, fetch: fetcher })
      : p.kind === 'fastly'
        ? fastlyPurger({ ...p, fetch: fetcher })
        : cloudflarePurger({ ...p, fetch: fetcher });
  return { purger, close: () => fetcher.close() };
}

/**
 * With no edge configured there is nothing to purge: purge jobs are not queued at all (the queue
 * would only fill with no-ops). Everything else passes through.
 */
export function withoutPurgeJobs(
  config: Pick<Config, 'purge'>,
  queue: TransactionalEnqueuer,
): TransactionalEnqueuer {
  if (config.purge.kind !== 'none') return queue;
  return {
    enqueue: (job, tx) =>
      job.task === EDGE_PURGE_TASK ? Promise.resolve() : queue.enqueue(job, tx),
  };
}
