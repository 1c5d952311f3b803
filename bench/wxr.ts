/**
 * `npx tsx bench/wxr.ts`: imports a generated WordPress export into a fresh SQLite database with
 * the real CLI (its own process) and reports posts per second and the child's peak RSS.
 *
 *   BENCH_WXR_POSTS=100000 BENCH_WXR_COMMENTS=5 npx tsx bench/wxr.ts   # the size (default)
 *   BENCH_WXR_POSTS=5000 npx tsx bench/wxr.ts                           # a quick look
 *
 * Targets (issue 15): at least 5,000 posts/s with their comments, at most 256 MB peak RSS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWxr } from './wxr-generate.js';

const POSTS = Number(process.env.BENCH_WXR_POSTS ?? 100_000);
const PER_POST = Number(process.env.BENCH_WXR_COMMENTS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-wxr-'));
const log = (line: string) => process.stderr.write(`bench wxr: ${line}\n`);

try {
  const file = join(dir, 'export.xml');
  const gen = await generateWxr(file, { posts: POSTS, commentsPerPost: PER_POST });
  log(`generated ${gen.posts} posts, ${gen.comments} comments, ${(gen.bytes / 1e6).toFixed(0)} MB`);
  const started = performance.now();
  // /usr/bin/time is not everywhere: the child reports its own peak RSS (resourceUsage).
  const child = spawn(
    process.execPath,
    [
      '--import',
      'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss "+process.resourceUsage().maxRSS+"\\n"))',
      'bin/newsdesk.js',
      'import',
      'wxr',
      file,
      '--json',
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NEWSDESK_DATABASE_URL: join(dir, 'bench.sqlite'),
        NEWSDESK_LOG_LEVEL: 'silent',
        NEWSDESK_DEMO_CONTENT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import failed (${code}): ${err.slice(-2000)}`);
  const summary = JSON.parse(out) as {
    created: { articles: number; comments: number; linkbacks: number };
  };
  const maxRssKb = Number(/maxrss (\d+)/.exec(err)?.[1] ?? 0);
  const rows = [
    ['posts', String(summary.created.articles)],
    ['comments + linkbacks', String(summary.created.comments + summary.created.linkbacks)],
    ['wall time (both passes)', `${seconds.toFixed(1)} s`],
    ['posts/s (with their comments)', (summary.created.articles / seconds).toFixed(0)],
    ['peak RSS', `${(maxRssKb / 1024).toFixed(0)} MiB`],
    ['targets', '≥ 5,000 posts/s, ≤ 256 MB'],
  ];
  process.stdout.write(rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n') + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
