import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { exportWxr } from '../../app/import/export-wxr.js';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

type GetConfig = Parameters<Command['run']>[2];

/** Writes with back-pressure: waits for 'drain' when the stream's buffer is full. */
const writerFor = (stream: NodeJS.WritableStream) => async (chunk: string) => {
  if (!stream.write(chunk)) await once(stream, 'drain');
};

async function exportCommandRun(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const [format, ...rest] = args;
  if (format !== 'wxr') throw new UsageError(`unknown format: export ${format ?? ''}`.trim());
  const f = parseFlags(rest, {}, 1);
  const file = f._[0];
  const config = getConfig();
  return withRuntime(config, async (rt) => {
    // A file is written beside its final name and renamed at the end: never half an export.
    const partial = file ? `${file}.partial` : null;
    let stream: WriteStream | null = null;
    if (partial) {
      stream = createWriteStream(partial);
      await once(stream, 'open').catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot write ${file}: ${error.code ?? String(error)}`);
      });
    }
    try {
      const summary = await exportWxr(rt.deps, {
        write: writerFor(stream ?? process.stdout),
        siteTitle: config.siteTitle,
      });
      if (stream && partial && file) {
        stream.end();
        await once(stream, 'finish');
        await rename(partial, file);
        io.err(
          `exported ${summary.articles} articles, ${summary.pages} pages, ${summary.comments} comments, ${summary.authors} authors, ${summary.categories} categories, ${summary.tags} tags to ${file}`,
        );
      }
      return EXIT.ok;
    } catch (error) {
      stream?.destroy();
      if (partial) await rm(partial, { force: true });
      throw error;
    }
  });
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'newsdesk export wxr [FILE]   (standard output without FILE)',
  run: exportCommandRun,
};
