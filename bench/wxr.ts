/**
 * `npx tsx bench/wxr.ts`: imports a generated WordPress export into a fresh SQLite database with
 * the real CLI (its own process) and reports posts per second and the child's peak RSS.
 *
 *   BENCH_WXR_POSTS=100000 BENCH_WXR_COMMENTS=5 npx tsx bench/wxr.ts   # the size (default)
 *   BENCH_WXR_POSTS=5000 npx tsx bench/wxr.ts                           # a quick look
 *
 * Targets (issue 15): at least 5,000 posts/s with their comments, at most 256 MB peak RSS.
 *
 * Same-run baselines, for a shared machine: saxes alone parsing the same file (namespaces and
 * positions on, no-op handlers, in its own process; the reader's own parser, kept as a fixed
 * yardstick of the machine's speed), so the import's speed reads as a
 * ratio to one parse; and the CLI importing a one-post file, for the RSS every run of the command
 * starts from.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWxr } from './wxr-generate.js';

const POSTS = Number(process.env.BENCH_WXR_POSTS ?? 100_000);
const PER_POST = Number(process.env.BENCH_WXR_COMMENTS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-wxr-'));
const log = (line: string) => process.stderr.write(`bench wxr: ${line}\n`);
/** The Node flags the CLI's shebang gives it (`#!/usr/bin/env -S node --flag …`). */
const SHEBANG_FLAGS = (readFileSync('bin/newsdesk.js', 'utf8').split('\n')[0] ?? '')
  .split(/\s+/)
  .filter((w) => w.startsWith('--'));

try {
  const file = join(dir, 'export.xml');
  const gen = await generateWxr(file, { posts: POSTS, commentsPerPost: PER_POST });
  log(`generated ${gen.posts} posts, ${gen.comments} comments, ${(gen.bytes / 1e6).toFixed(0)} MB`);
  const mb = statSync(file).size / 1e6;
  const saxes = await child(['bench/wxr-saxes.ts', file], [], dir);
  const parseSeconds = Number(/parsed (\S+)/.exec(saxes.err)?.[1] ?? NaN);
  const tiny = await child(
    ['bin/newsdesk.js', 'import', 'wxr', 'test/fixtures/wxr/seed-article.xml', '--json'],
    [],
    dir,
    'tiny.sqlite',
  );
  const run = await child(['bin/newsdesk.js', 'import', 'wxr', file, '--json'], [], dir);
  const summary = JSON.parse(run.out) as {
    created: { articles: number; comments: number; linkbacks: number };
  };
  const posts = summary.created.articles;
  const mib = (kb: number) =>
    `${(kb / 1024).toFixed(0)} MiB (${((kb * 1024) / 1e6).toFixed(0)} MB)`;
  const rows = [
    ['file', `${mb.toFixed(0)} MB, ${gen.posts} posts, ${gen.comments} comments`],
    ['posts imported', String(posts)],
    ['comments + linkbacks imported', String(summary.created.comments + summary.created.linkbacks)],
    [
      'import wall time (check pass + writing pass)',
      `${run.seconds.toFixed(1)} s (CPU ${run.cpu.toFixed(1)} s)`,
    ],
    [
      'posts/s (with their comments)',
      `${(posts / run.seconds).toFixed(0)} (by CPU time: ${(posts / run.cpu).toFixed(0)})`,
    ],
    [
      'baseline: saxes alone, one parse of the same file',
      `${parseSeconds.toFixed(1)} s CPU, ${(mb / parseSeconds).toFixed(0)} MB/s`,
    ],
    ['import CPU ÷ one saxes parse', `${(run.cpu / parseSeconds).toFixed(1)}×`],
    ['peak RSS', mib(run.maxRssKb)],
    ['baseline: peak RSS importing a one-post file', mib(tiny.maxRssKb)],
    ['targets', '≥ 5,000 posts/s, ≤ 256 MB'],
  ];
  process.stdout.write(rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n') + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a Node child with the shebang's flags; its peak RSS and CPU time as it reports them. */
async function child(args: string[], extraFlags: string[], cwdDir: string, db = 'bench.sqlite') {
  const started = performance.now();
  // /usr/bin/time is not everywhere: the child reports its own peak RSS and CPU (resourceUsage).
  const proc = spawn(
    process.execPath,
    [
      ...SHEBANG_FLAGS,
      ...extraFlags,
      '--import',
      'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("maxrss "+u.maxRSS+" cpu "+(u.userCPUTime+u.systemCPUTime)+"\\n")})',
      ...(args[0]?.endsWith('.ts') ? ['--import', 'tsx'] : []),
      ...args,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NEWSDESK_DATABASE_URL: join(cwdDir, db),
        NEWSDESK_LOG_LEVEL: 'silent',
        NEWSDESK_DEMO_CONTENT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => proc.on('exit', r));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${err.slice(-2000)}`);
  const maxRssKb = Number(/maxrss (\d+)/.exec(err)?.[1] ?? 0);
  const cpu = Number(/ cpu (\d+)/.exec(err)?.[1] ?? 0) / 1e6;
  log(
    `${args.slice(0, 3).join(' ')}: ${seconds.toFixed(1)} s, CPU ${cpu.toFixed(1)} s, peak RSS ${(maxRssKb / 1024).toFixed(0)} MiB`,
  );
  return { out, err, seconds, cpu, maxRssKb };
}
