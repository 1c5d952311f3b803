/**
 * The public content API under load, against the site's own cached article page in the same run
 * (loopback only, autocannon, one Newsdesk process on a copy of the medium content set).
 *
 *   npm run build && npx tsx bench/public-api.ts          # 5 s per load, 50 connections
 *   BENCH_SECONDS=15 npx tsx bench/public-api.ts
 *
 * Rows: the cached article page (the baseline: served from the page cache), the API's first
 * list page, a list page deep in the archive (a keyset cursor), one article by slug, and the
 * same with a matching If-None-Match (304).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataset, MEDIUM } from './dataset.js';
import { load, warmUp } from './load.js';
import { cpuMs, startNewsdesk } from './servers.js';
import { formatTable, reqs, type Row } from './table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const set = await dataset(MEDIUM);
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-bench-api-'));
const copy = join(scratch, 'api.db');
copyFileSync(set.file, copy);
const server = await startNewsdesk({ database: `sqlite:${copy}`, workers: false });
try {
  // A cursor 100 pages deep: walk there once.
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = (await (
      await fetch(`${server.url}/api/articles?limit=20${cursor ? `&cursor=${cursor}` : ''}`)
    ).json()) as { items: { slug: string }[]; nextCursor: string | null };
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const slug = set.paths.article.split('/').filter(Boolean).pop() ?? '';
  const one = await fetch(`${server.url}/api/articles/${slug}`);
  const etag = one.headers.get('etag') ?? '';
  const targets: [string, string, Record<string, string>?][] = [
    ['site: cached article page (baseline)', set.paths.article],
    ['api: /api/articles?limit=20', '/api/articles?limit=20'],
    ['api: list page 101 (cursor)', `/api/articles?limit=20&cursor=${cursor ?? ''}`],
    ['api: /api/articles/{slug}', `/api/articles/${slug}`],
    ['api: same, If-None-Match → 304', `/api/articles/${slug}`, { 'if-none-match': etag }],
  ];
  const rows: Row[] = [];
  let baseline = 0;
  for (const [name, path, headers] of targets) {
    const opts = {
      url: `${server.url}${path}`,
      connections: CONNECTIONS,
      ...(headers ? { headers } : {}),
    };
    await warmUp(opts);
    const before = cpuMs(server.child.pid);
    const r = await load({ ...opts, seconds: SECONDS });
    const cpu = cpuMs(server.child.pid) - before;
    if (baseline === 0) baseline = r.rps;
    rows.push({
      name,
      target: '-',
      baseline: reqs(baseline),
      value: reqs(r.rps),
      ratio: r.rps / baseline,
      p99Ms: r.p99,
      cpuMs: cpu / Math.max(1, r.requests),
      met: r.errors === 0 && r.timeouts === 0,
      ...(r.non2xx > 0 && !headers ? { note: `${r.non2xx} non-2xx` } : {}),
    });
  }
  console.log(formatTable(rows));
} finally {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
