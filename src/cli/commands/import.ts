import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { importWxr, type ImportSummary } from '../../app/import/import-wxr.js';
import { importDeps } from '../../main/import.js';
import { openImportBodyWorkers } from '../../main/wxr-body-worker.js';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { progressWriter } from '../progress.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';

type GetConfig = Parameters<Command['run']>[2];

function printSummary(io: CommandIo, s: ImportSummary): void {
  const c = s.created;
  const e = s.existing;
  io.out(
    `${s.dryRun ? 'would import from' : 'imported from'} ${terminalText(s.source)} (WXR ${s.wxrVersion}): ${s.file.items} items, ${s.file.comments} comments`,
  );
  if (!s.dryRun) {
    io.out(
      `created: ${c.articles} articles, ${c.pages} pages, ${c.comments} comments, ${c.linkbacks} linkbacks, ${c.users} users, ${c.categories} categories, ${c.tags} tags, ${c.attachments} attachment references, ${c.media} media (${c.featured} featured images), ${c.redirects} redirects, ${c.outbound} outbound links`,
    );
    io.out(
      `already imported: ${e.posts} posts, ${e.comments} comments, ${e.users} users, ${e.terms} terms, ${e.attachments} attachments, ${e.media} media`,
    );
  }
  for (const g of s.skipped) {
    io.out(
      `skipped ${g.count}: ${terminalText(g.reason)} (e.g. ${terminalText(g.examples.join('; '))})`,
    );
  }
  for (const [note, count] of Object.entries(s.notes))
    io.out(`note ${count}: ${terminalText(note)}`);
}

async function importCommandRun(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const [format, ...rest] = args;
  if (format !== 'wxr') throw new UsageError(`unknown format: import ${format ?? ''}`.trim());
  const f = parseFlags(
    rest,
    { 'dry-run': 'boolean', json: 'boolean', uploads: 'string', threads: 'string' },
    1,
  );
  const file = f._[0];
  if (!file) throw new UsageError('import wxr needs a FILE');
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = st.size;
  } catch (error) {
    io.err(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return EXIT.notFound;
  }
  // Threads converting bodies while the database is written. None by default: a thread costs
  // about 40 MB of resident memory, which the 256 MB budget of a large import does not have
  // (bench/README.md, "WordPress import"); with a free core and memory to spare it overlaps.
  const threads = f.threads === undefined ? 0 : Number(f.threads);
  if (!Number.isInteger(threads) || threads < 0 || threads > 16)
    throw new UsageError('--threads takes a whole number from 0 to 16');
  if (f.uploads) {
    const st = await stat(f.uploads).catch(() => null);
    if (!st?.isDirectory()) {
      io.err(`error: --uploads ${f.uploads} is not a directory`);
      return EXIT.notFound;
    }
  }
  // An import is a batch job with a small live heap (about 40 MB) and a high allocation rate:
  // V8's default lets the old generation grow to about four times the live size between full
  // collections, which was over 100 MB of garbage in resident memory. Half again the live size
  // keeps the peak near 210 MiB at the same speed (bench/README.md, "WordPress import").
  if (!f['dry-run']) setFlagsFromString('--heap-growing-percent=50');
  const progress = progressWriter({
    tty: process.stderr.isTTY === true,
    write: (s) => process.stderr.write(s),
  });
  return withRuntime(getConfig(), async (rt) => {
    const deps = importDeps(rt);
    const openBodies = threads > 0 ? () => openImportBodyWorkers(threads) : null;
    const result = await importWxr(
      { ...deps, openBodies },
      {
        open: () => createReadStream(file, { highWaterMark: 32 * 1024 }),
        totalBytes: size,
        dryRun: f['dry-run'] ?? false,
        uploadsDir: f.uploads ?? null,
        onProgress: (p) => progress.update(p),
      },
    );
    progress.done();
    if (!result.ok) {
      io.err(`error: ${file}: ${result.error.message}; nothing was imported`);
      return exitFor(result.error.code);
    }
    if (f.json) io.out(JSON.stringify(result.value, null, 2));
    else printSummary(io, result.value);
    return EXIT.ok;
  });
}

export const importCommand: Command = {
  name: 'import',
  usage: 'newsdesk import wxr FILE [--dry-run] [--json] [--uploads DIR] [--threads N]',
  run: importCommandRun,
};
