/**
 * Article-page throughput: Newsdesk (SQLite, demo content) against a bare node:http server that
 * returns the same bytes, measured in the same run on loopback with autocannon. Both servers run
 * in child processes so the load generator does not share their event loop.
 *
 *   npm run bench                       # 10 s per target, 32 connections
 *   BENCH_SECONDS=30 npm run bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function startChild(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${out}`)));
  });
}

const BASELINE = `
import { createServer } from 'node:http';
const body = Buffer.from(process.env.BENCH_BODY_B64, 'base64');
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    pipelining: 1,
    headers,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: result.throughput.average,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  const children: ChildProcess[] = [];
  try {
    // Started through its shebang, with the Node flags a user's `npm start` gets.
    const app = await startChild('bin/newsdesk.js', ['serve', '--no-workers'], {
      NEWSDESK_DATABASE_URL: join(dir, 'bench.sqlite'),
      NEWSDESK_PORT: '0',
      NEWSDESK_LOG_LEVEL: 'warn',
    });
    children.push(app.child);
    const home = await (await fetch(app.url)).text();
    const path = /href="(\/\d{4}\/\d{2}\/night-buses[^"]*)"/.exec(home)?.[1];
    if (!path) throw new Error('demo article not found on the front page');
    const articleUrl = `${app.url}${path}`;
    const body = Buffer.from(await (await fetch(articleUrl)).arrayBuffer());
    const baseline = await startChild(process.execPath, ['--input-type=module', '-e', BASELINE], {
      BENCH_BODY_B64: body.toString('base64'),
    });
    children.push(baseline.child);

    console.log(
      `article page: ${body.length} bytes; ${SECONDS}s per target, ${CONNECTIONS} connections`,
    );
    await autocannon({ url: baseline.url, connections: CONNECTIONS, duration: 2 }); // warm-up
    const base = await load(baseline.url);
    await autocannon({ url: articleUrl, connections: CONNECTIONS, duration: 2 }); // warm-up
    const cached = await load(articleUrl);
    // A reader carrying a Newsdesk cookie (a remembered commenter) always gets a fresh render:
    // this row is the cost of a page-cache miss.
    const uncached = await load(articleUrl, { cookie: 'newsdesk_bench=1' });
    const row = (name: string, r: typeof base) =>
      `${name.padEnd(36)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ratio ${(r.rps / base.rps).toFixed(3)}`;
    console.log(row('bare node:http (baseline)', base));
    console.log(row('newsdesk article page (cached)', cached));
    console.log(row('newsdesk article page (fresh render)', uncached));
    const rss = (pid: number | undefined) => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    };
    const ourRss = rss(app.child.pid);
    const baseRss = rss(baseline.child.pid);
    console.log(
      `resident memory after load: newsdesk ${ourRss.toFixed(0)} MiB, baseline ${baseRss.toFixed(0)} MiB, ratio ${(ourRss / baseRss).toFixed(2)}`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
