/**
 * Prometheus metrics (prom-client), one registry per runtime (no global state: tests run several
 * runtimes in one process). Request figures are labelled by route pattern (web/route-pattern.ts),
 * never by raw path; queue and discussion figures are read from the database at scrape time.
 */
import type { Gauge as GaugeType } from 'prom-client';
import type { Logger } from '../app/ports.js';
import type { TaskQueueStats } from '../jobs/contract.js';
import type { FetchOutcome } from '../net/index.js';
import type { DiscussionCount } from '../store/ops-stats.js';

export interface MetricSources {
  readonly jobs: () => Promise<TaskQueueStats[]>;
  readonly discussion: () => Promise<DiscussionCount[]>;
}

export interface Metrics {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** A GET/HEAD the page cache could have answered: did it? */
  pageCacheLookup(hit: boolean): void;
  /** The fetcher's `onOutcome` hook for the fetcher called `name`. */
  fetchObserver(name: string): (outcome: FetchOutcome) => void;
  /** The in-memory page cache's size, read at scrape time. */
  trackPageCache(read: () => { readonly entries: number; readonly bytes: number }): void;
  /** The text exposition and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PURGE']);

/** For one-shot commands: prom-client is not even loaded (it costs a CLI run 0.1–0.3 s). */
export const noMetrics: Metrics = {
  observeRequest: () => {},
  pageCacheLookup: () => {},
  fetchObserver: () => () => {},
  trackPageCache: () => {},
  render: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: '' }),
};

export async function createMetrics(sources: MetricSources, logger: Logger): Promise<Metrics> {
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } =
    await import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newsdesk_' });

  const requests = new Counter({
    name: 'newsdesk_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'newsdesk_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'newsdesk_page_cache_lookups_total',
    help: 'GET/HEAD requests the page cache could have answered, by whether it did (hit) or the page was rendered (miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  let cacheSize: (() => { entries: number; bytes: number }) | null = null;
  new Gauge({
    name: 'newsdesk_page_cache_entries',
    help: 'Pages held by the in-memory page cache',
    registers: [registry],
    collect() {
      this.set(cacheSize?.().entries ?? 0);
    },
  });
  new Gauge({
    name: 'newsdesk_page_cache_bytes',
    help: 'Bytes held by the in-memory page cache',
    registers: [registry],
    collect() {
      this.set(cacheSize?.().bytes ?? 0);
    },
  });
  const fetches = new Counter({
    name: 'newsdesk_outbound_fetches_total',
    help: 'Outbound requests by fetcher and result (ok, or the failure code)',
    labelNames: ['fetcher', 'result'] as const,
    registers: [registry],
  });

  const scrapeFailed = (what: string) => (error: unknown) => {
    logger.warn({ err: error }, `metrics: could not read ${what}`);
    return null;
  };
  // One database read per scrape for the four queue gauges.
  let jobsRead: Promise<TaskQueueStats[] | null> | null = null;
  const jobStats = () => (jobsRead ??= sources.jobs().catch(scrapeFailed('the job queue')));
  const queueGauge = (name: string, help: string, pick: (s: TaskQueueStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['task'] as const,
      registers: [registry],
      async collect(this: GaugeType<'task'>) {
        const stats = await jobStats();
        this.reset();
        for (const s of stats ?? []) this.set({ task: s.task }, pick(s));
      },
    });
  queueGauge('newsdesk_jobs_queued', 'Jobs waiting to run, by task', (s) => s.queued);
  queueGauge('newsdesk_jobs_running', 'Jobs running now, by task', (s) => s.running);
  queueGauge('newsdesk_jobs_dead', 'Jobs that used up their attempts, by task', (s) => s.dead);
  queueGauge(
    'newsdesk_jobs_oldest_due_seconds',
    'Seconds the oldest due job of each task has waited',
    (s) => s.oldestDueSeconds,
  );
  new Gauge({
    name: 'newsdesk_discussion_items',
    help: 'Comments and linkbacks by kind and moderation status',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const counts = await sources.discussion().catch(scrapeFailed('discussion counts'));
      this.reset();
      for (const c of counts ?? []) this.set({ kind: c.kind, status: c.status }, c.count);
    },
  });

  return {
    observeRequest(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : 'other';
      requests.inc({ method: m, route, status: String(status) });
      duration.observe({ method: m, route }, seconds);
    },
    pageCacheLookup(hit) {
      cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
    },
    fetchObserver: (name) => (outcome) => fetches.inc({ fetcher: name, result: outcome.result }),
    trackPageCache(read) {
      cacheSize = read;
    },
    async render() {
      jobsRead = null;
      const body = await registry.metrics();
      jobsRead = null;
      return { contentType: registry.contentType, body };
    },
  };
}
