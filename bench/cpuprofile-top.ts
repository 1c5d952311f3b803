/**
 * Prints the functions with the most self time in a V8 `.cpuprofile` (as written by
 * `node --cpu-prof`), grouped by function name and file, as a Markdown table.
 *
 *   npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [count=15] [--callers=all,update]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface SelfTimeEntry {
  readonly functionName: string;
  readonly file: string;
  readonly line: number;
  readonly samples: number;
  /** Share of the samples in which the process was not idle. */
  readonly percent: number;
}

/** Where a frame's code lives, relative to the working directory when it is a local file. */
function shortFile(url: string): string {
  if (!url) return '';
  if (url.startsWith('file://')) {
    const path = relative(process.cwd(), fileURLToPath(url));
    return path.replace(/^node_modules\//, '');
  }
  return url;
}

/** Self time per (function, file), busiest first; `(idle)` is left out of the total. */
export function topSelfTime(profile: CpuProfile, count = 15): SelfTimeEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const groups = new Map<string, { entry: Omit<SelfTimeEntry, 'percent'>; samples: number }>();
  let busy = 0;
  for (const [id, n] of hits) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy += n;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shortFile(url);
    const key = `${functionName}\u0000${file}\u0000${lineNumber}`;
    const group = groups.get(key) ?? {
      entry: {
        functionName: functionName || '(anonymous)',
        file,
        line: lineNumber + 1,
        samples: 0,
      },
      samples: 0,
    };
    group.samples += n;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, count)
    .map((g) => ({ ...g.entry, samples: g.samples, percent: (100 * g.samples) / busy }));
}

/** Which part of the system a file belongs to: a package, a folder of dist/, or Node itself. */
export function areaOf(file: string): string {
  if (!file) return '(native, GC, program)';
  const pkg = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(file);
  if (file.startsWith('node:')) return 'node: internals';
  if (file.startsWith('dist/')) return `newsdesk ${file.split('/').slice(0, 2).join('/')}`;
  return pkg?.[1] ?? file;
}

/** Self time per area (see `areaOf`), busiest first. */
export function selfTimeByArea(profile: CpuProfile): { area: string; percent: number }[] {
  const all = topSelfTime(profile, Number.MAX_SAFE_INTEGER);
  const areas = new Map<string, number>();
  for (const e of all) areas.set(areaOf(e.file), (areas.get(areaOf(e.file)) ?? 0) + e.percent);
  return [...areas.entries()]
    .map(([area, percent]) => ({ area, percent }))
    .sort((a, b) => b.percent - a.percent);
}

/**
 * Where the self time of `functionName` comes from: for each sample in it, the nearest caller in
 * Newsdesk's own code (dist/), skipping frames in `skipFiles`; shares are of that function's time.
 */
export function callersOf(
  profile: CpuProfile,
  functionName: string,
  skipFiles: readonly string[] = [],
): { caller: string; percent: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callers = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (node?.callFrame.functionName !== functionName) continue;
    total++;
    let up = parent.get(id);
    let name = '(no caller in dist/)';
    while (up !== undefined) {
      const frame = byId.get(up)!.callFrame;
      const file = shortFile(frame.url);
      if (file.startsWith('dist/') && !skipFiles.includes(file)) {
        name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
        break;
      }
      up = parent.get(up);
    }
    callers.set(name, (callers.get(name) ?? 0) + 1);
  }
  return [...callers.entries()]
    .map(([caller, n]) => ({ caller, percent: (100 * n) / Math.max(1, total) }))
    .sort((a, b) => b.percent - a.percent);
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Busy (non-idle) share of the profile's samples. */
export function busyShare(profile: CpuProfile): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = profile.samples.filter((id) => byId.get(id)?.callFrame.functionName === '(idle)');
  return 1 - idle.length / Math.max(1, profile.samples.length);
}

export function formatTop(entries: readonly SelfTimeEntry[]): string {
  const lines = [
    '| # | self % | function | file:line |',
    '|--:|-------:|----------|-----------|',
    ...entries.map(
      (e, i) =>
        `| ${i + 1} | ${e.percent.toFixed(1)} | \`${e.functionName}\` | ${e.file ? `${e.file}:${e.line}` : '(native)'} |`,
    ),
  ];
  return lines.join('\n');
}

export function formatAreas(areas: readonly { area: string; percent: number }[]): string {
  return [
    '| area | self % |',
    '|------|-------:|',
    ...areas.filter((a) => a.percent >= 0.5).map((a) => `| ${a.area} | ${a.percent.toFixed(1)} |`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/cpuprofile-top.ts <file.cpuprofile> [count]');
  const profile = readProfile(file);
  console.log(formatTop(topSelfTime(profile, Number(process.argv[3] ?? 15))));
  console.log('');
  console.log(formatAreas(selfTimeByArea(profile)));
  // --callers=all,update: who calls these functions (nearest frame in dist/).
  const wanted = process.argv.find((a) => a.startsWith('--callers='))?.slice('--callers='.length);
  for (const fn of wanted ? wanted.split(',') : []) {
    console.log(`\ncallers of ${fn}:`);
    for (const c of callersOf(profile, fn, ['dist/store/node-sqlite.js']).slice(0, 12)) {
      console.log(`  ${c.percent.toFixed(1).padStart(5)}%  ${c.caller}`);
    }
  }
}
