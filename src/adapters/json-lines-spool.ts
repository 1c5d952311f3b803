/**
 * A RecordSpool (src/app/import/ports.ts) in a private temporary directory: one JSON document a
 * line, written through a buffered stream, read back in large chunks, removed on dispose. The
 * WordPress import's check pass keeps the records it parsed here, so the writing pass reads JSON
 * (several times faster than parsing the XML again) and memory stays flat whatever the file's size.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordSpool } from '../app/import/ports.js';

export async function openJsonLinesSpool<T>(dir: string = tmpdir()): Promise<RecordSpool<T>> {
  const home = await mkdtemp(join(dir, 'newsdesk-spool-'));
  const file = join(home, 'records.jsonl');
  let out: WriteStream | null = createWriteStream(file, { mode: 0o600, highWaterMark: 1 << 20 });
  let failed: Error | null = null;
  out.on('error', (e) => (failed ??= e));
  const finish = async () => {
    if (!out) return;
    const s = out;
    out = null;
    s.end();
    await once(s, 'close');
  };
  return {
    async write(record: T): Promise<void> {
      if (failed) throw failed;
      if (!out) throw new Error('the spool is closed');
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    },
    async *read(): AsyncGenerator<T> {
      await finish();
      if (failed) throw failed;
      let rest = '';
      for await (const chunk of createReadStream(file, {
        encoding: 'utf8',
        highWaterMark: 1 << 20,
      }) as AsyncIterable<string>) {
        const text = rest + chunk;
        let start = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
          yield JSON.parse(text.slice(start, nl)) as T;
          start = nl + 1;
        }
        rest = text.slice(start);
      }
      if (rest !== '') throw new Error('the spool ends inside a record');
    },
    async dispose(): Promise<void> {
      await finish().catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}
