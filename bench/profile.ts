/**
 * CPU profile of the fresh render of the 50-item article: the server runs under
 * `node --cpu-prof` (with the shebang's own flags) while autocannon loads the page with a cookie
 * (so every request renders), then stops; the busiest functions by self time are printed.
 *
 *   npm run build && npx tsx bench/profile.ts      # BENCH_SECONDS (default 10), BENCH_CONNECTIONS
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  busyShare,
  formatAreas,
  formatTop,
  readProfile,
  selfTimeByArea,
  topSelfTime,
} from './cpuprofile-top.js';
import { dataset, SMALL } from './dataset.js';
import { load, warmUp } from './load.js';
import { startNewsdesk } from './servers.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const OUT_DIR = resolve('.tmp/bench-profile');
const FRESH = { cookie: 'newsdesk_bench=1' };

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
  });
  const url = `${app.url}${set.paths.article}`;
  await warmUp({ url, connections: CONNECTIONS, headers: FRESH });
  const r = await load({ url, connections: CONNECTIONS, seconds: SECONDS, headers: FRESH });
  await app.stop();
  const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no .cpuprofile');
  mkdirSync(OUT_DIR, { recursive: true });
  const kept = join(OUT_DIR, 'fresh-article.cpuprofile');
  copyFileSync(join(profiles, file), kept);
  const profile = readProfile(kept);
  const cpuMsPerRender = (SECONDS * 1000 * busyShare(profile)) / Math.max(1, r.requests);
  console.log(
    `fresh render of the 50-item article, ${CONNECTIONS} connections, ${SECONDS} s under --cpu-prof: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms; the process was busy ${(100 * busyShare(profile)).toFixed(0)}% of the profile (boot and warm-up included), about ${cpuMsPerRender.toFixed(1)} ms of CPU per render in the loaded part`,
  );
  console.log(`profile kept in ${kept} (open it in Chrome DevTools › Performance)\n`);
  console.log(formatTop(topSelfTime(profile, 15)));
  console.log('');
  console.log(formatAreas(selfTimeByArea(profile)));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
