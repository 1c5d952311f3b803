/**
 * CPU time per render of the 50-item article, in one process with no HTTP and no load generator:
 * the app's own fetch handler (`buildHttpApp(...).app.fetch`, page cache off) is called N times in
 * a loop and `process.cpuUsage()` is read around it. On a machine other jobs share, this moves far
 * less than req/s under autocannon; 3,000 req/s on this 2-core machine with the load generator on
 * the other core needs about 0.3 ms per render (HTTP parsing and writing add to it).
 *
 *   npm run build && npx tsx bench/render-cpu.ts          # BENCH_RENDERS (default 2000)
 *   BENCH_RENDER_PATH=/ npx tsx bench/render-cpu.ts       # another page of the small set
 *   BENCH_RENDER_CHANGED=1 npx tsx bench/render-cpu.ts    # the article and its discussion
 *     written to before every render (a no-op UPDATE each, so every kept part of that page is
 *     built again: the worst miss); the writes are outside the measured CPU
 *   BENCH_RENDER_PROFILE=.tmp/render.cpuprofile npx tsx bench/render-cpu.ts
 *     (a CPU profile of the timed loop only, no boot or warm-up; then
 *      npx tsx bench/cpuprofile-top.ts .tmp/render.cpuprofile 25)
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { dataset, SMALL } from './dataset.js';
// Types only: the code run is dist/'s, the same the server runs.
import type * as Config from '../src/config/config.js';
import type * as Logger from '../src/main/logger.js';
import type * as Runtime from '../src/main/runtime.js';
import type * as Http from '../src/main/http.js';

const RENDERS = Number(process.env.BENCH_RENDERS ?? 2000);
const PROFILE = process.env.BENCH_RENDER_PROFILE;
const CHANGED = process.env.BENCH_RENDER_CHANGED === '1';
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-render-cpu-'));
try {
  const set = await dataset(SMALL);
  const db = join(scratch, 'small.sqlite');
  copyFileSync(set.file, db);
  const path = process.env.BENCH_RENDER_PATH ?? set.paths.article;
  // dist/, like the server the bench runs (bin/newsdesk.js); `npm run build` first.
  const dist = (file: string): Promise<unknown> =>
    import(new URL(`../dist/${file}`, import.meta.url).href);
  const { loadConfig } = (await dist('config/config.js')) as typeof Config;
  const { createLogger } = (await dist('main/logger.js')) as typeof Logger;
  const { openRuntime } = (await dist('main/runtime.js')) as typeof Runtime;
  const { buildHttpApp } = (await dist('main/http.js')) as typeof Http;
  const config = loadConfig({
    NEWSDESK_DATABASE_URL: db,
    NEWSDESK_SITE_URL: 'http://127.0.0.1:8080',
    NEWSDESK_TIMEZONE: 'UTC',
    NEWSDESK_LOG_LEVEL: 'warn',
    NEWSDESK_PAGE_CACHE_MB: '0',
  });
  const rt = await openRuntime(config, createLogger(config), { metrics: false });
  try {
    const { app } = buildHttpApp(rt, { draining: () => false });
    const url = `http://127.0.0.1:8080${path}`;
    const once = async () => {
      const res = await app.fetch(new Request(url));
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return (await res.arrayBuffer()).byteLength;
    };
    let bytes = 0;
    for (let i = 0; i < 300; i++) bytes = await once(); // warm-up: JIT, statement cache
    const session = PROFILE ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    // Each write moves the article page's revision (0027), the discussion's (0022) and the
    // content version: nothing that page kept is still valid.
    const slug = path.split('/').filter(Boolean).pop() ?? '';
    const touch = async () => {
      await sql`update articles set updated_at = updated_at where slug = ${slug}`.execute(
        rt.store.db,
      );
      await sql`update discussion_items set updated_at = updated_at where id = (select min(id)
        from discussion_items where status = 'approved' and article_id =
        (select id from articles where slug = ${slug}))`.execute(rt.store.db);
    };
    let writes = { user: 0, system: 0 };
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < RENDERS; i++) {
      if (CHANGED) {
        const before = process.cpuUsage();
        await touch();
        const spent = process.cpuUsage(before);
        writes = { user: writes.user + spent.user, system: writes.system + spent.system };
      }
      await once();
    }
    const all = process.cpuUsage(cpu);
    const used = { user: all.user - writes.user, system: all.system - writes.system };
    const wallMs = performance.now() - wall;
    if (session && PROFILE) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(join(PROFILE, '..'), { recursive: true });
      writeFileSync(PROFILE, JSON.stringify(profile));
      session.disconnect();
      console.log(`profile of the loop (profiler overhead in the figures below): ${PROFILE}`);
    }
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `${path}${CHANGED ? ' (written to before each render)' : ''}: ${RENDERS} renders of ${bytes} bytes, ${(cpuMs / RENDERS).toFixed(3)} ms CPU per render (user ${(used.user / 1000 / RENDERS).toFixed(3)}, system ${(used.system / 1000 / RENDERS).toFixed(3)}), ${(wallMs / RENDERS).toFixed(3)} ms wall; RSS ${Math.round(process.memoryUsage().rss / 1048576)} MiB`,
    );
  } finally {
    await rt.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
