import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { MediaStorage } from '../app/media/ports.js';

/** The only keys there are: `<16 hex digits>/<width>.<ext>`; anything else is refused. */
const KEY = /^[0-9a-f]{16}\/[1-9][0-9]{0,4}\.(jpg|png|webp|avif|gif)$/;
const PREFIX = /^[0-9a-f]{16}$/;

export class InvalidMediaKey extends Error {
  constructor(key: string) {
    super(`not a media storage key: ${JSON.stringify(key).slice(0, 80)}`);
    this.name = 'InvalidMediaKey';
  }
}

/**
 * Media storage on the local disk, under `root` (by default `media/` beside the SQLite file):
 * one folder per image, named by its content hash. Writes go to a temporary file renamed into
 * place, so a reader never sees half a file. Keys are checked against one pattern and the
 * resolved path must stay under the root, so no key can name a file elsewhere.
 */
export function localMediaStorage(root: string) {
  const base = resolve(root);
  const pathOf = (key: string): string => {
    if (!KEY.test(key)) throw new InvalidMediaKey(key);
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new InvalidMediaKey(key);
    return full;
  };
  return {
    // The type is not stored: on disk the key's extension names it (an object store keeps it).
    async put(key: string, bytes: Uint8Array, _contentType: string) {
      const full = pathOf(key);
      await mkdir(join(full, '..'), { recursive: true });
      const temp = `${full}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, bytes, { flag: 'wx' });
        await rename(temp, full);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key: string) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async has(key: string) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
    async deletePrefix(prefix: string) {
      if (!PREFIX.test(prefix)) throw new InvalidMediaKey(prefix);
      await rm(join(base, prefix), { recursive: true, force: true });
    },
  } satisfies MediaStorage;
}
