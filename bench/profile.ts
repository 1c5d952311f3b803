/**
 * CPU profile of the render of the 50-item article: the server runs under `node --cpu-prof`
 * (with the shebang's own flags) and without a page cache (so every request renders) while
 * autocannon loads the page, then stops; the busiest functions by self time are printed.
 *
 *   npm run build && npx tsx bench/profile.ts      # BENCH_SECONDS (default 10), BENCH_CONNECTIONS
 *   BENCH_PROFILE=cached npx tsx bench/profile.ts  # the same page from the page cache instead
 *   BENCH_PROFILE=reader npx tsx bench/profile.ts  # from the cache, for a reader with a cookie
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  busyShare,
  callersOf,
  formatAreas,
  formatTop,
  readProfile,
  selfTimeByArea,
  topSelfTime,
} from './cpuprofile-top.js';
import { dataset, SMALL } from './dataset.js';
import { load, warmUp } from './load.js';
import { cpuMs, settle, startNewsdesk } from './servers.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const OUT_DIR = resolve('.tmp/bench-profile');
const WHAT = process.env.BENCH_PROFILE ?? 'render';
if (!['render', 'cached', 'reader'].includes(WHAT)) throw new Error(`BENCH_PROFILE=${WHAT}?`);
const CACHED = WHAT !== 'render';
/** The remember-me cookie of a reader whose form shows their details. */
const HEADERS: Record<string, string> =
  WHAT === 'reader'
    ? {
        cookie: `newsdesk_commenter=${Buffer.from(JSON.stringify({ n: 'Bench Reader', e: 'r@bench.example', u: '' })).toString('base64url')}`,
      }
    : {};

const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-profile-'));
try {
  const set = await dataset(SMALL);
  const db = join(scratch, 'small.sqlite');
  copyFileSync(set.file, db);
  const profiles = join(scratch, 'profiles');
  const app = await startNewsdesk({
    database: db,
    workers: false,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
    ...(CACHED ? {} : { env: { NEWSDESK_PAGE_CACHE_MB: '0' } }),
  });
  const url = `${app.url}${set.paths.article}`;
  await warmUp({ url, connections: CONNECTIONS, headers: HEADERS });
  await settle(app);
  const cpuBefore = cpuMs(app.child.pid);
  const r = await load({ url, connections: CONNECTIONS, seconds: SECONDS, headers: HEADERS });
  await settle(app);
  const cpuPerRender = (cpuMs(app.child.pid) - cpuBefore) / Math.max(1, r.sent);
  await app.stop();
  const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no .cpuprofile');
  mkdirSync(OUT_DIR, { recursive: true });
  const kept = join(OUT_DIR, `${WHAT}-article.cpuprofile`);
  copyFileSync(join(profiles, file), kept);
  const profile = readProfile(kept);
  console.log(
    `${{ render: 'render (no page cache)', cached: 'cached page', reader: 'cached page for a reader with a cookie' }[WHAT]} of the 50-item article, ${CONNECTIONS} connections, ${SECONDS} s under --cpu-prof: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${cpuPerRender.toFixed(2)} ms of server CPU per request (profiler overhead included); the process was busy ${(100 * busyShare(profile)).toFixed(0)}% of the profile (boot and warm-up included)`,
  );
  console.log(`profile kept in ${kept} (open it in Chrome DevTools › Performance)\n`);
  console.log(formatTop(topSelfTime(profile, 15)));
  console.log('');
  console.log(formatAreas(selfTimeByArea(profile)));
  console.log('\ncallers of crypto `update` (nearest frame in dist/):');
  for (const c of callersOf(profile, 'update').slice(0, 5)) {
    console.log(`  ${c.percent.toFixed(1).padStart(5)}%  ${c.caller}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
