/**
 * A BodyPreparer (src/app/import/wxr-bodies.ts) on worker threads: the WordPress import's
 * Markdown, sanitising and text extraction run there while the main thread writes the previous
 * batch to the database, so an import keeps two cores busy. Each batch is cut into one slice per
 * thread; results come back in the jobs' order. A thread that fails fails the batch (and the
 * import, which then resumes on the next run like any interrupted one).
 */
import { Worker } from 'node:worker_threads';
import type { BodyJob, BodyPreparer, BodyResult } from '../app/import/wxr-bodies.js';

type Reply =
  | { readonly id: number; readonly results: BodyResult[]; readonly error?: undefined }
  | { readonly id: number; readonly error: string; readonly results?: undefined };

interface Waiting {
  resolve(results: BodyResult[]): void;
  reject(error: Error): void;
}

export interface BodyWorkersOptions {
  /** Threads to start (at least 1). */
  readonly threads: number;
  /** The threads' entry: a module that answers `{ id, jobs }` with `{ id, results | error }`. */
  readonly script: URL;
}

export function openBodyWorkers(opts: BodyWorkersOptions): BodyPreparer {
  const { script } = opts;
  const waiting = new Map<number, Waiting>();
  let seq = 0;
  let broken: Error | null = null;
  const failAll = (error: Error) => {
    broken ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const workers = Array.from({ length: Math.max(1, opts.threads) }, () => {
    // A small young generation, as the main thread has (bin/newsdesk.js): the conversion
    // allocates fast and keeps little, and each MB of nursery is resident memory.
    const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.on('message', (reply: Reply) => {
      const w = waiting.get(reply.id);
      if (!w) return;
      waiting.delete(reply.id);
      if (reply.error !== undefined) w.reject(new Error(`a body worker failed: ${reply.error}`));
      else w.resolve(reply.results);
    });
    worker.on('error', (e) => failAll(e));
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`a body worker exited with code ${code}`));
    });
    return worker;
  });
  const send = (worker: Worker, jobs: readonly BodyJob[]) =>
    new Promise<BodyResult[]>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, jobs });
    });
  return {
    ahead: true,
    async prepare(jobs) {
      if (jobs.length === 0) return [];
      const size = Math.ceil(jobs.length / workers.length);
      const parts = workers
        .map((worker, i) => ({ worker, slice: jobs.slice(i * size, (i + 1) * size) }))
        .filter((p) => p.slice.length > 0);
      const results = await Promise.all(parts.map((p) => send(p.worker, p.slice)));
      return results.flat();
    },
    async close() {
      broken ??= new Error('the body workers are closed');
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
