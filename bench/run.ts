/**
 * `npm run bench`: Newsdesk (SQLite) against baselines measured in the same run, on loopback,
 * with autocannon. Every server runs in its own process, started through `bin/newsdesk.js`.
 * Prints one table; see bench/README.md for the rows, the targets and how to read them.
 *
 *   npm run bench                        # 5 s per load, 50 connections, both content sets
 *   BENCH_SECONDS=15 npm run bench       # longer loads
 *   BENCH_LARGE=0 npm run bench          # skip the 100,000-article set
 *   BENCH_ONLY=burst npm run bench       # only some groups: cached,fresh,scale,burst,media,reader
 *   BENCH_ONLY=nodes NEWSDESK_BENCH_PG_URL=postgres://… npm run bench   # 2 nodes + 2 workers
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { dataset, LARGE, MEDIUM, SMALL, type BenchPaths } from './dataset.js';
import { readerRows } from './reader.js';
import { load, openEndedLoad, postMany, warmUp, type LoadResult } from './load.js';
import { featuredArticles, variantRow } from './media.js';
import {
  cpuMs,
  rssMiB,
  settle,
  startBare,
  startNewsdesk,
  startNotFound,
  type Started,
} from './servers.js';
import { formatTable, mib, ms, reqs, type Row } from './table.js';
import { runNodesBench } from './nodes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WITH_LARGE = process.env.BENCH_LARGE !== '0';
const GROUPS = new Set(
  (process.env.BENCH_ONLY ?? 'cached,fresh,scale,burst,media,reader')
    .split(',')
    .map((s) => s.trim()),
);
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
/** Readers loading the page during the burst, and senders posting the webmentions. */
const BURST_READERS = Number(process.env.BENCH_BURST_READERS ?? 10);
const BURST_SENDERS = 10;
/** BENCH_BURST_WORKERS=0: no job workers, to see what receiving the webmentions alone costs. */
const BURST_WORKERS = process.env.BENCH_BURST_WORKERS !== '0';
/** Most time given to the jobs to run once each after the last webmention arrived. */
const BURST_DRAIN_LIMIT_MS = 180_000;
/**
 * A reader with the remember-me cookie: their form is filled with their own details. Served from
 * the page's version-checked parts, joined with what their cookie holds, on every request.
 */
const READER_NAME = 'Bench Reader';
const READER = {
  cookie: `newsdesk_commenter=${Buffer.from(
    JSON.stringify({ n: READER_NAME, e: 'reader@bench.example', u: 'https://bench.example/' }),
  ).toString('base64url')}`,
};
/** A server without a page cache renders every request: the cost of a cache miss. */
const NO_CACHE = { NEWSDESK_PAGE_CACHE_MB: '0' };
const RSS_LIMIT_MIB = 150e6 / 2 ** 20;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const rows: Row[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
const running = new Set<Started>();

/** A private copy of a cached database, so nothing a run writes reaches the cache. */
function copyOf(file: string, name: string): string {
  const copy = join(scratch, `${name}.sqlite`);
  copyFileSync(file, copy);
  return copy;
}

async function start(...args: Parameters<typeof startNewsdesk>): Promise<Started> {
  const s = await startNewsdesk(...args);
  running.add(s);
  return s;
}

async function stop(s: Started): Promise<void> {
  await s.stop();
  running.delete(s);
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Buffer> {
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return body;
}

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

/** Fails loudly when the generated content is not what the rows claim to load. */
async function checkPages(base: string, paths: BenchPaths): Promise<void> {
  const article = (await get(`${base}${paths.article}`, READER)).toString();
  if (!article.includes(`value="${READER_NAME}"`)) {
    throw new Error("the bench article's form does not show the reader's remembered name");
  }
  const comments = count(article, /id="comment-\d+"/g);
  const mentions = count(article, /id="mention-\d+"/g);
  if (comments !== 40 || mentions !== 10) {
    throw new Error(`the bench article shows ${comments} comments and ${mentions} mentions`);
  }
  const page2 = (await get(`${base}${paths.longThread}?cpage=2`)).toString();
  if (count(page2, /id="comment-\d+"/g) !== 50) throw new Error('comments page 2 is not full');
  await get(`${base}/`);
  await get(`${base}${paths.archive}`);
}

async function measure(
  server: Started,
  path: string,
  headers?: Record<string, string>,
  connections = CONNECTIONS,
) {
  const url = `${server.url}${path}`;
  const extra = headers ? { headers } : {};
  await settle(server);
  await warmUp({ url, connections, ...extra });
  await settle(server);
  const cpuBefore = cpuMs(server.child.pid);
  const loaded = await load({ url, connections, seconds: SECONDS, ...extra });
  // Every request sent has been served once the server has settled, finished by the client or not.
  await settle(server);
  const r: Measured = {
    ...loaded,
    cpuMsPerRequest: (cpuMs(server.child.pid) - cpuBefore) / Math.max(1, loaded.sent),
  };
  log(
    `${url}${headers ? ' (reader with a cookie)' : ''}: ${reqs(r.rps)}, p99 ${ms(r.p99)}, ${cpu(r)} server CPU per request`,
  );
  return r;
}

/** One request at a time, for pages too slow to finish under load: the median of five. */
async function serialMs(server: Started, path: string, headers: Record<string, string> = {}) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await get(`${server.url}${path}`, headers);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2]!;
}

interface Measured extends LoadResult {
  /** Server CPU time (all threads) per request sent. */
  readonly cpuMsPerRequest: number;
}

const cpu = (r: Measured) => `${r.cpuMsPerRequest.toFixed(r.cpuMsPerRequest < 1 ? 2 : 1)} ms`;

const clean = (r: LoadResult) =>
  r.requests > 0 && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;
function problems(r: LoadResult): string | undefined {
  if (r.requests === 0) return 'no request finished';
  if (clean(r)) return undefined;
  return [
    r.non2xx ? `${r.non2xx} non-2xx` : '',
    r.errors ? `${r.errors} errors` : '',
    r.timeouts ? `${r.timeouts} timeouts` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const SCALE_PAGES = [
  ['home page', (_p: BenchPaths) => '/'],
  ['category archive', (p: BenchPaths) => p.archive],
  ['article, 50 items', (p: BenchPaths) => p.article],
  ['comments page 2', (p: BenchPaths) => `${p.longThread}?cpage=2`],
] as const;

async function main(): Promise<void> {
  const small = await dataset(SMALL);
  log(`small set: ${small.file} (${small.built ? 'built' : 'cached'})`);
  const large = WITH_LARGE && GROUPS.has('scale') ? await dataset(LARGE) : null;
  if (large) {
    log(
      `large set: ${large.file} (${large.built ? `built in ${(large.buildMs / 1000).toFixed(1)} s` : 'cached'})`,
    );
  }
  const paths = small.paths;
  const smallFresh = new Map<string, Measured>();
  let bareBoot = 0;
  let bareRss = 0;

  if (GROUPS.has('cached') || GROUPS.has('fresh') || GROUPS.has('scale')) {
    const app = await start({ database: copyOf(small.file, 'small'), workers: false });
    const bootRss = rssMiB(app.child.pid);
    await checkPages(app.url, paths);
    const articleUrl = `${app.url}${paths.article}`;
    const body = await get(articleUrl);
    const bare = await startBare(body);
    running.add(bare);
    bareBoot = bare.bootMs;
    log(`article page: ${body.length} bytes; ${SECONDS} s per load, ${CONNECTIONS} connections`);
    const base = await measure(bare, '');
    bareRss = rssMiB(bare.child.pid);
    // Its p99 is the floor this machine puts under every row's p99 (the load generator shares it).
    const baseline = `bare node:http, same bytes: ${reqs(base.rps)}, p99 ${ms(base.p99)}, ${cpu(base)} CPU/req`;

    if (GROUPS.has('cached')) {
      const cached = await measure(app, paths.article);
      rows.push({
        name: 'cached: article, 50 items, form open',
        target: '≥0.90× baseline, p99 ≤10 ms',
        baseline,
        value: reqs(cached.rps),
        ratio: cached.rps / base.rps,
        p99Ms: cached.p99,
        cpuMs: cached.cpuMsPerRequest,
        met: cached.rps / base.rps >= 0.9 && cached.p99 <= 10 && clean(cached),
        ...(problems(cached) ? { note: problems(cached)! } : {}),
      });
    }
    if (GROUPS.has('fresh')) {
      const fresh = await measure(app, paths.article, READER);
      rows.push({
        name: 'fresh: article, 50 items, reader with a cookie',
        target: '≥3,000 req/s, p99 ≤50 ms',
        baseline,
        value: reqs(fresh.rps),
        ratio: fresh.rps / base.rps,
        p99Ms: fresh.p99,
        cpuMs: fresh.cpuMsPerRequest,
        met: fresh.rps >= 3000 && fresh.p99 <= 50 && clean(fresh),
        ...(problems(fresh) ? { note: problems(fresh)! } : {}),
      });
    }
    await stop(bare);
    const loadRss = rssMiB(app.child.pid);
    rows.push(
      bootRow('boot to first 200, small set', app, bareBoot),
      rssRow('RSS after boot, small set', bootRss, bareRss),
      rssRow('RSS after load, small set', loadRss, bareRss),
    );
    await stop(app);

    // Every request renders: no page cache (what a miss costs, after a write or a time limit).
    const renders = await start({
      database: copyOf(small.file, 'small-renders'),
      workers: false,
      env: NO_CACHE,
    });
    if (GROUPS.has('fresh')) {
      const miss = await measure(renders, paths.article);
      smallFresh.set('article, 50 items', miss);
      rows.push({
        name: 'render (every request a cache miss): article, 50 items',
        target: '≥3,000 req/s, p99 ≤50 ms',
        baseline,
        value: reqs(miss.rps),
        ratio: miss.rps / base.rps,
        p99Ms: miss.p99,
        cpuMs: miss.cpuMsPerRequest,
        met: miss.rps >= 3000 && miss.p99 <= 50 && clean(miss),
        ...(problems(miss) ? { note: problems(miss)! } : {}),
      });
    }
    if (large) {
      for (const [name, path] of SCALE_PAGES) {
        if (smallFresh.has(name)) continue;
        smallFresh.set(name, await measure(renders, path(paths)));
      }
    }
    rows.push(rssRow('RSS after rendering load, small set', rssMiB(renders.child.pid), bareRss));
    await stop(renders);
  }

  if (large) {
    const app = await start({
      database: copyOf(large.file, 'large'),
      workers: false,
      env: NO_CACHE,
    });
    const bootRss = rssMiB(app.child.pid);
    await checkPages(app.url, large.paths);
    for (const [name, path] of SCALE_PAGES) {
      const r = await measure(app, path(large.paths));
      const before = smallFresh.get(name)!;
      const slow =
        r.requests === 0
          ? `alone: ${ms(await serialMs(app, path(large.paths)))} per request`
          : undefined;
      rows.push({
        name: `fresh at scale: ${name}`,
        target: '≥0.80× small set',
        baseline: `small set: ${reqs(before.rps)}, p99 ${ms(before.p99)}, ${cpu(before)} CPU/req`,
        value: reqs(r.rps),
        ratio: r.rps / before.rps,
        p99Ms: r.p99,
        cpuMs: r.cpuMsPerRequest,
        met: r.rps / before.rps >= 0.8 && clean(r),
        note: [problems(r), slow].filter(Boolean).join('; '),
      });
    }
    const loadRss = rssMiB(app.child.pid);
    rows.push(
      bootRow('boot to first 200, large set', app, bareBoot),
      rssRow('RSS after boot, large set', bootRss, bareRss),
      rssRow('RSS after rendering load, large set', loadRss, bareRss),
    );
    await stop(app);
  }

  if (GROUPS.has('burst')) rows.push(...(await burstRows(small.file, paths)));
  if (GROUPS.has('media')) rows.push(...(await mediaRows(small.file)));

  if (GROUPS.has('reader')) {
    const medium = await dataset(MEDIUM);
    log(`medium set: ${medium.file} (${medium.built ? 'built' : 'cached'})`);
    rows.push(
      ...(await readerRows({
        file: copyOf(medium.file, 'medium'),
        paths: medium.paths,
        start,
        stop,
        measure,
        log,
      })),
    );
  }

  process.stdout.write(
    `\nNewsdesk bench: ${SECONDS} s per load after 1 s of warm-up, ${CONNECTIONS} connections (burst: ${BURST_READERS} readers), Node ${process.version}\n\n${formatTable(rows)}\n`,
  );
}

function bootRow(name: string, app: Started, bareMs: number): Row {
  return {
    name,
    target: '≤1,000 ms',
    baseline: bareMs ? `bare node:http: ${ms(bareMs)}` : '',
    value: ms(app.bootMs),
    ratio: bareMs ? app.bootMs / bareMs : null,
    p99Ms: null,
    cpuMs: null,
    met: app.bootMs <= 1000,
    ...(app.listeningMs !== null ? { note: `listening at ${ms(app.listeningMs)}` } : {}),
  };
}

function rssRow(name: string, rss: number, bareRss: number): Row {
  return {
    name,
    target: '≤150 MB (143 MiB)',
    baseline: bareRss ? `bare node:http: ${mib(bareRss)}` : '',
    value: mib(rss),
    ratio: bareRss ? rss / bareRss : null,
    p99Ms: null,
    cpuMs: null,
    met: rss <= RSS_LIMIT_MIB,
  };
}

/**
 * Page p99 while 10,000 webmentions arrive, then while their verification jobs run. The sources
 * are on a loopback server that answers 404 at once, and the outbound budget refuses most fetches
 * before any I/O, so most jobs fail within microseconds: the case that froze the SQLite job loop.
 * Readers are cookie-less, as the public is; the burst's writes keep invalidating the page cache.
 */
async function burstRows(smallFile: string, paths: BenchPaths): Promise<Row[]> {
  const sources = await startNotFound();
  const file = copyOf(smallFile, 'burst');
  const app = await start({
    database: file,
    workers: BURST_WORKERS,
    env: {
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
      // The source server listens on a random port, and the whole burst comes from 127.0.0.1:
      // open both limits, or the burst would measure refusals instead of work.
      NEWSDESK_FETCH_ALLOWED_PORTS: new URL(sources.url).port,
      NEWSDESK_LINKBACK_IP_PER_MINUTE: '1000000',
    },
  });
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const page = `${app.url}${paths.article}`;
    const quiet = await measure(app, paths.article, undefined, BURST_READERS);
    const attempted = db.prepare(`select count(*) as n from jobs where attempts > 0`);
    const jobsRun = () => Number((attempted.get() as { n: number | bigint }).n);
    const started = performance.now();
    let readers = openEndedLoad({ url: page, connections: BURST_READERS });
    const sent = await postMany({
      url: `${app.url}/webmention`,
      connections: BURST_SENDERS,
      amount: BURST,
      contentType: 'application/x-www-form-urlencoded',
      bodyFor: (n) =>
        new URLSearchParams({ source: `${sources.url}/post/${n}`, target: page }).toString(),
    });
    const arriving = await readers.stop();
    const postedMs = performance.now() - started;
    const runBeforeDrain = jobsRun();
    const n = BURST.toLocaleString('en-US');
    const baseline = `no burst: ${reqs(quiet.rps)}, p99 ${ms(quiet.p99)}`;
    const row = (name: string, r: LoadResult, note: string, ok: boolean): Row => ({
      name,
      target: 'p99 <100 ms',
      baseline,
      value: reqs(r.rps),
      ratio: r.p99 / Math.max(1, quiet.p99),
      p99Ms: r.p99,
      cpuMs: null,
      met: r.p99 < 100 && clean(r) && ok,
      note: [`slowest ${ms(r.max)}`, note, problems(r)].filter(Boolean).join(', '),
    });
    const arrivalRow = row(
      `burst: article while ${n} webmentions arrive${BURST_WORKERS ? '' : ' (no workers)'}`,
      arriving,
      `${n} posted in ${(postedMs / 1000).toFixed(1)} s${sent.non2xx ? `, ${sent.non2xx} refused` : ''}`,
      sent.non2xx === 0,
    );
    if (!BURST_WORKERS) {
      log(`burst: ${sent.requests} webmentions posted in ${ms(postedMs)} (${reqs(sent.rps)})`);
      return [arrivalRow];
    }
    readers = openEndedLoad({ url: page, connections: BURST_READERS });
    const deadline = performance.now() + BURST_DRAIN_LIMIT_MS;
    while (jobsRun() < BURST && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const draining = await readers.stop();
    const drainedMs = performance.now() - started;
    const jobs = jobsRun();
    log(
      `burst: ${sent.requests} webmentions posted in ${ms(postedMs)} (${sent.non2xx} non-2xx, ${reqs(sent.rps)}), ${runBeforeDrain} jobs run meanwhile; all ${jobs} run once by ${ms(drainedMs)}; ${sources.hits()} source fetches reached the 404 server`,
    );
    return [
      arrivalRow,
      row(
        `burst: article while their ${n} jobs run`,
        draining,
        `${jobs.toLocaleString('en-US')} jobs run once by ${(drainedMs / 1000).toFixed(1)} s`,
        jobs >= BURST,
      ),
    ];
  } finally {
    db.close();
    await stop(app);
    await sources.close();
  }
}

/**
 * Variant generation per megapixel, and the fresh and cached article page with a featured image
 * against the same article without one, on one server.
 */

async function mediaRows(smallFile: string): Promise<Row[]> {
  const out: Row[] = [await variantRow(log)];
  const file = copyOf(smallFile, 'media');
  const articles = await featuredArticles(file, scratch);
  // No workers: the variant job would compete with the loads for the CPU.
  const app = await start({ database: file, workers: false });
  // "fresh" is a server without a page cache (every request renders); "cached" the usual one.
  const render = await start({ database: file, workers: false, env: NO_CACHE });
  try {
    const page = (await get(`${render.url}${articles.withImage}`)).toString();
    if (!page.includes('<figure class="featured"><picture>')) {
      throw new Error('the bench article does not show its featured image');
    }
    const twin = await get(`${render.url}${articles.without}`);
    log(`media: article pages of ${page.length} bytes with the image, ${twin.length} without`);
    for (const [label, server] of [
      ['fresh', render],
      ['cached', app],
    ] as const) {
      // Interleaved twice, best of each: a shared machine's drift hits both pages alike.
      const best = (a: Measured, b: Measured) => (a.rps >= b.rps ? a : b);
      let base = await measure(server, articles.without);
      let pictured = await measure(server, articles.withImage);
      base = best(base, await measure(server, articles.without));
      pictured = best(pictured, await measure(server, articles.withImage));
      const ratio = pictured.rps / base.rps;
      out.push({
        name: `media: ${label} article with a featured image`,
        target: '≥0.90× the same article without',
        baseline: `without: ${reqs(base.rps)}, p99 ${ms(base.p99)}, ${cpu(base)} CPU/req`,
        value: reqs(pictured.rps),
        ratio,
        p99Ms: pictured.p99,
        cpuMs: pictured.cpuMsPerRequest,
        met: ratio >= 0.9 && clean(pictured) && clean(base),
        ...(problems(pictured) ? { note: problems(pictured)! } : {}),
      });
    }
  } finally {
    await stop(render);
    await stop(app);
  }
  return out;
}

try {
  // The multi-node benchmark needs PostgreSQL and nginx: only when asked for (bench/nodes.ts).
  if (GROUPS.has('nodes')) await runNodesBench();
  if ([...GROUPS].some((g) => g !== 'nodes')) await main();
} finally {
  for (const s of running) await s.stop();
  rmSync(scratch, { recursive: true, force: true });
}
