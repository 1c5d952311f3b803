import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { addMedia } from '../../app/media/add-media.js';
import {
  deleteMedia,
  listMedia,
  purgeUnusedMedia,
  showMedia,
  updateMedia,
} from '../../app/media/library.js';
import { mediaPath, originalKey, type MediaItem } from '../../domain/media.js';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

type GetConfig = Parameters<Command['run']>[2];

function mediaId(raw: string | undefined, sub: string): number {
  if (!raw) throw new UsageError(`media ${sub} needs a media ID`);
  if (!/^[1-9][0-9]{0,11}$/.test(raw)) throw new UsageError(`not a media ID: ${raw}`);
  return Number(raw);
}

const line = (m: MediaItem) =>
  [
    m.id,
    m.format,
    `${m.width}x${m.height}`,
    m.variantsReadyAt ? 'ready' : 'processing',
    m.alt ? m.alt : '(no alt text)',
    mediaPath(originalKey(m)),
  ].join('\t');

const json = (m: MediaItem) => ({
  id: m.id,
  hash: m.hash,
  format: m.format,
  width: m.width,
  height: m.height,
  bytes: m.bytes,
  animated: m.animated,
  alt: m.alt,
  caption: m.caption,
  credit: m.credit,
  originalName: m.originalName,
  createdAt: m.createdAt.toISOString(),
  variantsReadyAt: m.variantsReadyAt?.toISOString() ?? null,
  url: mediaPath(originalKey(m)),
});

async function add(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { alt: 'string', caption: 'string', credit: 'string' }, 1);
  const file = f._[0];
  if (!file) throw new UsageError('media add needs a FILE');
  return withRuntime(getConfig(), async (rt) => {
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) {
        io.err(`error: ${file} is not a file`);
        return EXIT.notFound;
      }
      size = info.size;
    } catch (error) {
      io.err(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      return EXIT.notFound;
    }
    // Refused before it is read: a huge file never fills memory.
    if (size > rt.media.limits.maxBytes) {
      io.err(`error: the file is ${size} bytes; the limit is ${rt.media.limits.maxBytes} bytes`);
      return exitFor('payload_too_large');
    }
    const bytes = await readFile(file);
    const result = await addMedia(rt.media, {
      bytes,
      originalName: basename(file),
      alt: f.alt,
      caption: f.caption,
      credit: f.credit,
    });
    if (!result.ok) {
      io.err(`error: ${file}: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    const { item, duplicate } = result.value;
    io.out(
      duplicate
        ? `media ${item.id} already in the library (same bytes)`
        : `media ${item.id} added: ${item.format} ${item.width}x${item.height}, variants queued`,
    );
    if (!item.alt) {
      io.err(
        `note: media ${item.id} has no alt text; an article showing it cannot be published until it has (newsdesk media update ${item.id} --alt TEXT)`,
      );
    }
    io.out(mediaPath(originalKey(item)));
    return EXIT.ok;
  });
}

async function list(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { limit: 'string', unused: 'boolean', json: 'boolean' });
  const limit = f.limit ? Number(f.limit) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError('--limit must be 1 to 10000');
  return withRuntime(getConfig(), async (rt) => {
    const items = f.unused
      ? await purgeUnusedMedia(rt.media, { remove: false, limit })
      : await listMedia(rt.media, limit);
    if (f.json) io.out(JSON.stringify(items.map(json), null, 2));
    else for (const m of items) io.out(line(m));
    return EXIT.ok;
  });
}

async function show(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 1);
  const id = mediaId(f._[0], 'show');
  return withRuntime(getConfig(), async (rt) => {
    const result = await showMedia(rt.media, id);
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    const { item, uses, variants } = result.value;
    if (f.json) {
      io.out(JSON.stringify({ ...json(item), uses, variants }, null, 2));
      return EXIT.ok;
    }
    io.out(line(item));
    if (item.caption) io.out(`caption: ${item.caption}`);
    if (item.credit) io.out(`credit: ${item.credit}`);
    io.out(
      uses.length > 0
        ? `used by: ${uses.map((u) => `article ${u.articleId} (${u.role})`).join(', ')}`
        : 'used by: nothing',
    );
    for (const v of variants) io.out(`${v.stored ? 'stored ' : 'pending'}\t${v.path}`);
    return EXIT.ok;
  });
}

async function update(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { alt: 'string', caption: 'string', credit: 'string' }, 1);
  const id = mediaId(f._[0], 'update');
  if (f.alt === undefined && f.caption === undefined && f.credit === undefined)
    throw new UsageError('media update needs --alt, --caption or --credit');
  return withRuntime(getConfig(), async (rt) => {
    const result = await updateMedia(rt.media, id, {
      alt: f.alt,
      caption: f.caption,
      credit: f.credit,
    });
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    io.out(line(result.value));
    return EXIT.ok;
  });
}

async function remove(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, {}, 1);
  const id = mediaId(f._[0], 'delete');
  return withRuntime(getConfig(), async (rt) => {
    const result = await deleteMedia(rt.media, id);
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    io.out(`media ${id} deleted, with its files`);
    return EXIT.ok;
  });
}

async function purge(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { 'dry-run': 'boolean' });
  return withRuntime(getConfig(), async (rt) => {
    const items = await purgeUnusedMedia(rt.media, { remove: !f['dry-run'] });
    for (const m of items) io.out(line(m));
    io.out(
      f['dry-run']
        ? `${items.length} unused media item(s) would be removed`
        : `${items.length} unused media item(s) removed, with their files`,
    );
    return EXIT.ok;
  });
}

export const mediaCommand: Command = {
  name: 'media',
  usage: `newsdesk media add FILE [--alt TEXT] [--caption TEXT] [--credit TEXT]
  newsdesk media list [--unused] [--limit N] [--json]
  newsdesk media show ID [--json]
  newsdesk media update ID [--alt TEXT] [--caption TEXT] [--credit TEXT]
  newsdesk media delete ID
  newsdesk media purge-unused [--dry-run]`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'add':
        return add(rest, io, getConfig);
      case 'list':
        return list(rest, io, getConfig);
      case 'show':
        return show(rest, io, getConfig);
      case 'update':
        return update(rest, io, getConfig);
      case 'delete':
        return remove(rest, io, getConfig);
      case 'purge-unused':
        return purge(rest, io, getConfig);
      default:
        throw new UsageError(`unknown subcommand: media ${sub ?? ''}`.trim());
    }
  },
};
