import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** From spawn to the first 200 answer to `GET /`. */
  readonly bootMs: number;
  /** From spawn to the "listening on" line (Newsdesk only; null for other servers). */
  readonly listeningMs: number | null;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1 (the server must know its URL up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function firstOk(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before ${url}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`no 200 from ${url} in ${deadlineMs} ms`);
    await sleep(5);
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

async function spawnAndWait(
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
): Promise<Started> {
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let listeningMs: number | null = null;
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    if (listeningMs !== null) return;
    out += d.toString();
    if (out.includes('listening on')) listeningMs = performance.now() - started;
  });
  // Logs (a warning per failed job in the burst) are kept only as a tail for error reports.
  let tail = '';
  child.stderr?.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') {
      process.stderr.write(
        `bench: ${command} exited (${code ?? signal}); its last output:\n${tail}\n`,
      );
    }
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await firstOk(`${url}/`, child, 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  const bootMs = performance.now() - started;
  return { child, url, bootMs, listeningMs, stop: stopper(child) };
}

export interface NewsdeskOptions {
  readonly database: string;
  readonly workers: boolean;
  readonly env?: Record<string, string>;
  /** Extra Node flags (e.g. --cpu-prof): runs `node <shebang flags> <these> bin/newsdesk.js`. */
  readonly nodeFlags?: readonly string[];
}

/** The Node flags on the shebang line of bin/newsdesk.js (`#!/usr/bin/env -S node …`). */
export function shebangFlags(): string[] {
  const first = readFileSync('bin/newsdesk.js', 'utf8').split('\n')[0] ?? '';
  const m = /\bnode\b(.*)$/.exec(first);
  return (m?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/** Starts `newsdesk serve` on loopback, through its shebang unless Node flags are added. */
export async function startNewsdesk(opts: NewsdeskOptions): Promise<Started> {
  const port = await freePort();
  const args = ['serve', '--no-demo', ...(opts.workers ? [] : ['--no-workers'])];
  const env = {
    NEWSDESK_DATABASE_URL: opts.database,
    NEWSDESK_HOST: '127.0.0.1',
    NEWSDESK_PORT: String(port),
    NEWSDESK_SITE_URL: `http://127.0.0.1:${port}`,
    NEWSDESK_TIMEZONE: 'UTC',
    NEWSDESK_LOG_LEVEL: 'warn',
    ...opts.env,
  };
  return opts.nodeFlags
    ? spawnAndWait(
        process.execPath,
        [...shebangFlags(), ...opts.nodeFlags, 'bin/newsdesk.js', ...args],
        env,
        port,
      )
    : spawnAndWait('bin/newsdesk.js', args, env, port);
}

const BARE = `
import { createServer } from 'node:http';
const body = Buffer.from(process.env.BENCH_BODY_B64, 'base64');
createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.BENCH_PORT), '127.0.0.1');
`;

/**
 * A bare node:http server in its own process answering every request with `body`, with the same
 * Node flags as bin/newsdesk.js so memory figures compare like with like.
 */
export async function startBare(body: Buffer): Promise<Started> {
  const port = await freePort();
  return spawnAndWait(
    process.execPath,
    [...shebangFlags(), '--input-type=module', '-e', BARE],
    { BENCH_BODY_B64: body.toString('base64'), BENCH_PORT: String(port) },
    port,
  );
}

/** An in-process loopback server that answers 404 at once (sources that fail fast). */
export async function startNotFound(): Promise<{
  url: string;
  hits: () => number;
  close(): Promise<void>;
}> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resident set size of a process, in MiB. */
export function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

let ticksPerSecond: number | null = null;

/** CPU time (user + system, all threads) a process has used so far, in milliseconds. */
export function cpuMs(pid: number | undefined): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3, "state".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond;
}

/**
 * Waits until the server has worked through requests left over from the last load: autocannon
 * stops with requests in flight, and a slow page can leave seconds of queued work behind.
 */
export async function settle(server: Started): Promise<void> {
  const res = await fetch(`${server.url}/bench-settle`);
  await res.arrayBuffer();
}
