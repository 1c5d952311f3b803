/**
 * Progress of a long command on stderr: one line redrawn in place on a terminal, plain lines at
 * most every few seconds otherwise (logs, CI), so a pipe never fills with carriage returns.
 */
import type { ImportProgress } from '../app/import/import-wxr.js';

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** One progress line: items, bytes, rate and, once the totals are known, time left. */
export function progressLine(p: ImportProgress, elapsedMs: number): string {
  const secs = Math.max(elapsedMs / 1000, 0.001);
  const rate = p.items / secs;
  const items =
    p.totalItems !== null ? `${n(p.items)}/${n(p.totalItems)} items` : `${n(p.items)} items`;
  const bytes = p.totalBytes !== null ? `${mb(p.bytes)}/${mb(p.totalBytes)}` : mb(p.bytes);
  if (p.phase === 'media') {
    // Attachments' files, counted in files: the export's bytes say nothing here.
    const left =
      p.totalItems !== null && p.items > 0
        ? ` · ${duration((secs * (p.totalItems - p.items)) / p.items)} left`
        : '';
    return `uploads: ${items.replace('items', 'files')} · ${n(Math.round(rate))} files/s${left}`;
  }
  let eta = '';
  if (p.totalBytes !== null && p.totalBytes > 0 && p.bytes > 0) {
    const left = (secs * (p.totalBytes - p.bytes)) / p.bytes;
    eta = ` · ${duration(left)} left`;
  }
  const verb = p.phase === 'check' ? 'checking' : 'importing';
  return `${verb}: ${items} · ${bytes} · ${n(Math.round(rate))} items/s${eta}`;
}

export interface ProgressWriter {
  update(p: ImportProgress): void;
  done(): void;
}

/** Redraws in place on a TTY; otherwise a line per `everyMs` (and one when a phase ends). */
export function progressWriter(opts: {
  readonly tty: boolean;
  readonly write: (s: string) => void;
  readonly now?: () => number;
  readonly everyMs?: number;
}): ProgressWriter {
  const now = opts.now ?? Date.now;
  const every = opts.everyMs ?? (opts.tty ? 200 : 5_000);
  let phase: ImportProgress['phase'] | null = null;
  let started = now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const t = now();
      if (p.phase !== phase) {
        if (drawn && opts.tty) opts.write('\n');
        phase = p.phase;
        started = t;
        last = 0;
        drawn = false;
      }
      const finished = p.totalItems !== null && p.items >= p.totalItems;
      if (!finished && t - last < every) return;
      last = t;
      const line = progressLine(p, t - started);
      if (opts.tty) opts.write(`\r\x1b[2K${line}`);
      else opts.write(`${line}\n`);
      drawn = true;
    },
    done() {
      if (drawn && opts.tty) opts.write('\n');
    },
  };
}
