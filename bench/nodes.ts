/**
 * `BENCH_ONLY=nodes npm run bench` (with NEWSDESK_BENCH_PG_URL): two app nodes
 * (`serve --no-workers`) and two workers (`newsdesk worker`) on one PostgreSQL database, behind
 * nginx (upstream least_conn, no sticky sessions), all on 127.0.0.1. Reports
 *
 * - throughput of the front page and of an article through nginx, against one node loaded
 *   directly in the same run (the ratio shows what the second node adds on this machine);
 * - the time from an edit (`newsdesk article create --publish`, a separate process, as an editor
 *   would run it) to the new story on the front page of every node, asked directly, each node
 *   polled every 5 ms: the in-memory page caches stay coherent through the content version.
 *
 * Each run uses a fresh schema in that database (dropped afterwards).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { load, warmUp } from './load.js';
import { freePort, startNewsdesk, type Started } from './servers.js';
import { formatTable, ms, reqs, type Row } from './table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const EDITS = Number(process.env.BENCH_NODES_EDITS ?? 5);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function cli(args: string[], env: Record<string, string>): { ms: number; out: string } {
  const started = performance.now();
  const r = spawnSync('bin/newsdesk.js', args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`newsdesk ${args.join(' ')} failed: ${r.stderr}`);
  return { ms: performance.now() - started, out: r.stdout };
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('bin/newsdesk.js', ['worker', '--concurrency', '4'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('worker running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
}

/** nginx in the foreground from a generated config in `dir`, on loopback only. */
async function startNginx(dir: string, port: number, upstreams: readonly string[]) {
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const root = process.getuid?.() === 0;
  const conf = `
${root ? 'user root root;' : ''}
worker_processes 2;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream newsdesk {
    least_conn;
${upstreams.map((u) => `    server ${u};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://newsdesk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Request-Id $request_id;
      # Surrogate-Key and Cache-Tag can reach 4 KB each.
      proxy_buffer_size 16k;
      proxy_buffers 8 16k;
    }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  const child = spawn(NGINX!, ['-c', file, '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return { child, url };
    } catch {
      // not yet listening
    }
    await sleep(25);
  }
  child.kill('SIGTERM');
  throw new Error('nginx did not start');
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Page cache hits and misses so far on one node, from its /metrics. */
async function cacheLookups(node: Started): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const read = (result: string) =>
    Number(
      new RegExp(`newsdesk_page_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(
        text,
      )?.[1] ?? 0,
    );
  return { hit: read('hit'), miss: read('miss') };
}

async function visibleEverywhere(nodes: readonly Started[], title: string): Promise<number> {
  const started = performance.now();
  const seen = new Set<string>();
  const deadline = started + 30_000;
  while (seen.size < nodes.length) {
    for (const node of nodes) {
      if (seen.has(node.url)) continue;
      const html = await (await fetch(`${node.url}/`)).text();
      if (html.includes(title)) seen.add(node.url);
    }
    if (performance.now() > deadline) throw new Error(`"${title}" never showed on every node`);
    if (seen.size < nodes.length) await sleep(5);
  }
  return performance.now() - started;
}

export async function nodesRows(): Promise<Row[]> {
  const base = process.env.NEWSDESK_BENCH_PG_URL;
  if (!base) {
    log('nodes: skipped (set NEWSDESK_BENCH_PG_URL=postgres://… to run it)');
    return [];
  }
  if (!NGINX) {
    log('nodes: skipped (nginx is not installed)');
    return [];
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(base);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    NEWSDESK_DATABASE_URL: scoped.toString(),
    NEWSDESK_PG_JOBS_SCHEMA: `gw_${schema}`,
    NEWSDESK_WORKERS: 'none',
    NEWSDESK_LOG_LEVEL: 'warn',
    NEWSDESK_DEMO_CONTENT: '0',
  };
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-nodes-'));
  const running: Array<() => Promise<void>> = [];
  try {
    cli(['migrate'], env);
    cli(
      [
        'user',
        'add',
        '--email',
        'desk@example.org',
        '--name',
        'News Desk',
        '--role',
        'editor',
        '--password',
        'bench-password-1',
      ],
      env,
    );
    const bodyFile = join(dir, 'body.md');
    writeFileSync(bodyFile, 'A paragraph of news. '.repeat(40));
    for (let i = 1; i <= 20; i++) {
      cli(
        [
          'article',
          'create',
          '--title',
          `Story ${i}`,
          '--body-file',
          bodyFile,
          '--author',
          'desk@example.org',
          '--category',
          'News',
          '--publish',
          '--comments',
          'closed',
        ],
        env,
      );
    }
    const nodes: Started[] = [];
    for (let i = 0; i < 2; i++) {
      const node = await startNewsdesk({
        database: env.NEWSDESK_DATABASE_URL,
        workers: false,
        env,
      });
      nodes.push(node);
      running.push(node.stop);
    }
    for (let i = 0; i < 2; i++) {
      const worker = await startWorker(env);
      running.push(() => stopChild(worker));
    }
    const proxy = await startNginx(
      dir,
      await freePort(),
      nodes.map((n) => new URL(n.url).host),
    );
    running.push(() => stopChild(proxy.child));
    const article =
      /href="(\/\d{4}\/\d{2}\/story-1\/)"/.exec(
        await (await fetch(`${proxy.url}/page/2/`)).text(),
      )?.[1] ?? '/';

    const rows: Row[] = [];
    for (const [name, path] of [
      ['front page', '/'],
      ['article', article],
    ] as const) {
      const one = `${nodes[0]!.url}${path}`;
      const two = `${proxy.url}${path}`;
      await warmUp({ url: one, connections: CONNECTIONS });
      const firstBefore = await cacheLookups(nodes[0]!);
      const single = await load({ url: one, connections: CONNECTIONS, seconds: SECONDS });
      const firstAfter = await cacheLookups(nodes[0]!);
      const singleHits = firstAfter.hit - firstBefore.hit;
      const singleRatio = singleHits / Math.max(1, singleHits + firstAfter.miss - firstBefore.miss);
      await warmUp({ url: two, connections: CONNECTIONS });
      const before = await Promise.all(nodes.map(cacheLookups));
      const both = await load({ url: two, connections: CONNECTIONS, seconds: SECONDS });
      const after = await Promise.all(nodes.map(cacheLookups));
      const hits = after.reduce((n, a, i) => n + a.hit - (before[i]?.hit ?? 0), 0);
      const misses = after.reduce((n, a, i) => n + a.miss - (before[i]?.miss ?? 0), 0);
      const hitRatio = hits + misses === 0 ? 0 : hits / (hits + misses);
      rows.push({
        name: `2 nodes behind nginx: ${name}`,
        target: 'more than one node',
        baseline: `${reqs(single.rps)} (1 node, direct)`,
        value: reqs(both.rps),
        ratio: both.rps / single.rps,
        p99Ms: both.p99,
        cpuMs: null,
        met: both.non2xx === 0 && both.errors === 0,
        note: `non-2xx ${both.non2xx}, errors ${both.errors}, page cache hits ${(hitRatio * 100).toFixed(1)}% (1 node: ${(singleRatio * 100).toFixed(1)}%)`,
      });
    }

    const times: number[] = [];
    const cliTimes: number[] = [];
    for (let i = 1; i <= EDITS; i++) {
      const title = `Breaking ${i} ${randomBytes(3).toString('hex')}`;
      const created = cli(
        [
          'article',
          'create',
          '--title',
          title,
          '--body-file',
          bodyFile,
          '--author',
          'desk@example.org',
          '--publish',
        ],
        env,
      );
      cliTimes.push(created.ms);
      times.push(await visibleEverywhere(nodes, title));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const worst = times.at(-1) ?? 0;
    const cliMedian = [...cliTimes].sort((a, b) => a - b)[Math.floor(cliTimes.length / 2)] ?? 0;
    rows.push({
      name: `edit → on every node's front page (median of ${EDITS})`,
      target: 'next request after the commit',
      baseline: `${ms(cliMedian)} (the CLI run itself)`,
      value: `${median.toFixed(1)} ms (worst ${worst.toFixed(1)} ms)`,
      ratio: null,
      p99Ms: null,
      cpuMs: null,
      met: worst < 1000,
      note: 'measured from the CLI process exit; polled every 5 ms',
    });
    return rows;
  } finally {
    for (const stop of running.reverse()) await stop().catch(() => {});
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`drop schema if exists gw_${schema} cascade`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the rows as their own table (`BENCH_ONLY=nodes npm run bench`). */
export async function runNodesBench(): Promise<void> {
  const rows = await nodesRows();
  if (rows.length > 0) process.stdout.write(`${formatTable(rows)}\n`);
}
