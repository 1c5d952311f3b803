/**
 * The reader group (BENCH_ONLY=reader): feeds and search on the 10,000-article set. Fresh feeds
 * and searches are compared with the fresh home page of the same server in the same run (a
 * listing of ten stories: what any uncached read costs); the cached feed with bare node:http
 * sending the same bytes, like the cached article row; the reindex with a no-op `migrate` (the
 * cost of starting the CLI at all).
 */
import { spawnSync } from 'node:child_process';
import type { BenchPaths } from './dataset.js';
import type { LoadResult } from './load.js';
import { startBare, type Started } from './servers.js';
import { ms, reqs, type Row } from './table.js';

interface Measured extends LoadResult {
  readonly cpuMsPerRequest: number;
}

export interface ReaderBench {
  readonly file: string;
  readonly paths: BenchPaths;
  readonly start: (opts: {
    database: string;
    workers: boolean;
    env?: Record<string, string>;
  }) => Promise<Started>;
  readonly stop: (s: Started) => Promise<void>;
  readonly measure: (
    s: Started,
    path: string,
    headers?: Record<string, string>,
  ) => Promise<Measured>;
  readonly log: (line: string) => void;
}

/** A server with no page cache: every request renders (a cookie no longer skips the cache). */
export const NO_PAGE_CACHE = { NEWSDESK_PAGE_CACHE_MB: '0' };

const clean = (r: LoadResult) =>
  r.requests > 0 && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;
const cpu = (r: Measured) => `${r.cpuMsPerRequest.toFixed(r.cpuMsPerRequest < 1 ? 2 : 1)} ms`;

function cliMs(args: string[], file: string): { ms: number; out: string } {
  const started = performance.now();
  const r = spawnSync('bin/newsdesk.js', args, {
    env: { ...process.env, NEWSDESK_DATABASE_URL: file, NEWSDESK_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`newsdesk ${args.join(' ')}: ${r.stderr}`);
  return { ms: performance.now() - started, out: r.stdout.trim() };
}

export async function readerRows(b: ReaderBench): Promise<Row[]> {
  const rows: Row[] = [];
  // The set is written around the use cases, so its index starts empty: build it, timed.
  const noop = cliMs(['migrate'], b.file);
  const reindex = cliMs(['search', 'reindex'], b.file);
  b.log(`search reindex: ${reindex.out}`);
  rows.push({
    name: 'reader: search reindex, 10,000 articles',
    target: '≤60 s',
    baseline: `CLI start + no-op migrate: ${ms(noop.ms)}`,
    value: ms(reindex.ms),
    ratio: reindex.ms / noop.ms,
    p99Ms: null,
    cpuMs: null,
    met: reindex.ms <= 60_000,
  });

  // The fresh rows on a server without a page cache, so that every request is a render.
  const render = await b.start({ database: b.file, workers: false, env: NO_PAGE_CACHE });
  try {
    const home = await b.measure(render, '/');
    const homeBase = `fresh home page: ${reqs(home.rps)}, p99 ${ms(home.p99)}, ${cpu(home)} CPU/req`;
    const fresh: [string, string, number, number][] = [
      ['reader: site RSS feed, fresh', '/feed/', 0.5, 50],
      ['reader: category Atom feed, fresh', `${b.paths.archive}feed/atom/`, 0.5, 50],
      ['reader: site JSON Feed, fresh', '/feed/json/', 0.5, 50],
      ['reader: article discussion feed, fresh', `${b.paths.article}feed/`, 0.5, 50],
      ['reader: search, rare term (1 hit)', '/search.json?q=4321', 0.5, 50],
      ['reader: search, term in every title (10,000 hits)', '/search.json?q=buses', 0.2, 100],
      ['reader: search, two common terms', '/search.json?q=committee+depot', 0.2, 100],
      ['reader: search page HTML, page 3', '/search/?q=committee&page=3', 0.2, 100],
    ];
    for (const [name, path, minRatio, p99] of fresh) {
      const r = await b.measure(render, path);
      rows.push({
        name,
        target: `≥${minRatio.toFixed(2)}× home page, p99 ≤${p99} ms`,
        baseline: homeBase,
        value: reqs(r.rps),
        ratio: r.rps / home.rps,
        p99Ms: r.p99,
        cpuMs: r.cpuMsPerRequest,
        met: r.rps / home.rps >= minRatio && r.p99 <= p99 && clean(r),
      });
    }
  } finally {
    await b.stop(render);
  }
  const app = await b.start({ database: b.file, workers: false });
  try {
    const body = Buffer.from(await (await fetch(`${app.url}/feed/`)).arrayBuffer());
    const bare = await startBare(body);
    try {
      const base = await b.measure(bare, '');
      const cached = await b.measure(app, '/feed/');
      rows.push({
        name: 'reader: site RSS feed, cached',
        target: '≥0.90× baseline, p99 ≤10 ms',
        baseline: `bare node:http, same bytes: ${reqs(base.rps)}, ${cpu(base)} CPU/req`,
        value: reqs(cached.rps),
        ratio: cached.rps / base.rps,
        p99Ms: cached.p99,
        cpuMs: cached.cpuMsPerRequest,
        met: cached.rps / base.rps >= 0.9 && cached.p99 <= 10 && clean(cached),
      });
    } finally {
      await b.stop(bare);
    }
  } finally {
    await b.stop(app);
  }
  return rows;
}
