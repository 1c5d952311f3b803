/** One line of the benchmark's table. */
export interface Row {
  readonly name: string;
  readonly target: string;
  /** What the row is compared with, measured in the same run. */
  readonly baseline: string;
  readonly value: string;
  /** value / baseline (higher is better for throughput, lower for times and memory). */
  readonly ratio: number | null;
  readonly p99Ms: number | null;
  /** Server CPU time per request during the load. */
  readonly cpuMs: number | null;
  readonly met: boolean;
  readonly note?: string;
}

export const reqs = (rps: number) => `${Math.round(rps).toLocaleString('en-US')} req/s`;
export const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
export const mib = (n: number) => `${n.toFixed(0)} MiB`;

/** The rows as one Markdown table (readable in a terminal, pasteable into bench/README.md). */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    'row',
    'target',
    'same-run baseline',
    'measured',
    'ratio',
    'p99',
    'CPU/req',
    'met',
  ];
  const cells = rows.map((r) => [
    r.name,
    r.target,
    r.baseline,
    r.value,
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
    r.p99Ms === null ? '' : ms(r.p99Ms),
    r.cpuMs === null ? '' : `${r.cpuMs.toFixed(r.cpuMs < 1 ? 2 : 1)} ms`,
    (r.met ? 'yes' : 'NO') + (r.note ? ` (${r.note})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    `| ${c.map((v, i) => (i >= 3 && i <= 6 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 3 && i <= 6 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
