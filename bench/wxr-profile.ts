/**
 * CPU profile of a WordPress import: a generated export (bench/wxr-generate.ts) imported by the
 * real CLI under `node --cpu-prof` into a fresh SQLite file; prints posts per CPU second (the
 * child's own user + system time, so a busy shared machine does not move it much), wall time,
 * peak RSS and the busiest functions by self time.
 *
 *   npm run build && npx tsx bench/wxr-profile.ts      # BENCH_WXR_POSTS (10000), BENCH_WXR_COMMENTS (5)
 *   BENCH_WXR_PROFILE=0 npx tsx bench/wxr-profile.ts   # the same run without the profiler
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  formatAreas,
  formatTop,
  readProfile,
  selfTimeByArea,
  topSelfTime,
} from './cpuprofile-top.js';
import { generateWxr } from './wxr-generate.js';

const POSTS = Number(process.env.BENCH_WXR_POSTS ?? 10_000);
const PER_POST = Number(process.env.BENCH_WXR_COMMENTS ?? 5);
const PROFILE = process.env.BENCH_WXR_PROFILE !== '0';
const OUT_DIR = resolve('.tmp/bench-profile');
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-wxr-profile-'));

try {
  const file = join(dir, 'export.xml');
  const gen = await generateWxr(file, { posts: POSTS, commentsPerPost: PER_POST });
  const profiles = join(dir, 'profiles');
  const started = performance.now();
  const proc = spawn(
    process.execPath,
    [
      '--max-semi-space-size=4',
      ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : []),
      '--import',
      'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("maxrss "+u.maxRSS+" cpu "+(u.userCPUTime+u.systemCPUTime)+"\\n")})',
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
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => proc.on('exit', r));
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`the import failed (${code}): ${err.slice(-2000)}`);
  const cpu = Number(/ cpu (\d+)/.exec(err)?.[1] ?? 0) / 1e6;
  const rssKb = Number(/maxrss (\d+)/.exec(err)?.[1] ?? 0);
  const posts = (JSON.parse(out) as { created: { articles: number } }).created.articles;
  console.log(
    `${gen.posts} posts, ${gen.comments} comments (${(gen.bytes / 1e6).toFixed(0)} MB)${PROFILE ? ' under --cpu-prof' : ''}: ` +
      `${posts} imported in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU: ` +
      `${(posts / cpu).toFixed(0)} posts per CPU second (${(posts / wall).toFixed(0)} by wall time), ` +
      `peak RSS ${(rssKb / 1024).toFixed(0)} MiB`,
  );
  if (PROFILE) {
    const name = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
    if (!name) throw new Error('the import wrote no .cpuprofile');
    mkdirSync(OUT_DIR, { recursive: true });
    const kept = join(OUT_DIR, 'wxr-import.cpuprofile');
    copyFileSync(join(profiles, name), kept);
    console.log(`profile kept in ${kept}\n`);
    const profile = readProfile(kept);
    console.log(formatTop(topSelfTime(profile, 25)));
    console.log('');
    console.log(formatAreas(selfTimeByArea(profile)));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
