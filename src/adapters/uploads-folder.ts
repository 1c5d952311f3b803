/**
 * An UploadsFolder (src/app/import/ports.ts) on the local disk: a copy of WordPress's
 * `wp-content/uploads`, read by the import's `--uploads DIR`. A path from the export is joined to
 * the folder, then resolved with realpath (every symlink followed) and refused unless the real
 * file is inside the folder's own real path: `..`, absolute paths and symlinks that lead out are
 * all refused the same way. Nothing here throws for a bad or missing file; the import records why.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { UploadsFolder, UploadsRead } from '../app/import/ports.js';

const why = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

export async function openUploadsFolder(
  dir: string,
  opts: { readonly maxBytes: number },
): Promise<UploadsFolder> {
  const root = await realpath(dir);
  const inside = (path: string) => {
    const rel = relative(root, path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  };
  return {
    async read(file: string): Promise<UploadsRead> {
      // A NUL byte or a control character is never in a real upload's name (and NUL makes the
      // file system calls throw): refused before any of them runs.
      // eslint-disable-next-line no-control-regex
      if (file === '' || /[\u0000-\u001f\u007f]/.test(file))
        return { ok: false, reason: 'has a name no upload has (control characters)' };
      const joined = join(root, file);
      if (!inside(joined)) return { ok: false, reason: 'is outside the uploads folder' };
      let real: string;
      try {
        real = await realpath(joined);
      } catch (error) {
        return why(error) === 'ENOENT'
          ? { ok: false, reason: 'is missing from the uploads folder' }
          : { ok: false, reason: 'cannot be read', detail: why(error) };
      }
      if (!inside(real))
        return {
          ok: false,
          reason: 'is outside the uploads folder',
          detail: 'a symlink leads out',
        };
      let handle;
      try {
        // O_NOFOLLOW: the real path has no symlink left; one swapped in since is not followed.
        // O_NONBLOCK: a FIFO planted in the folder must not hang the import waiting for a writer.
        handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      } catch (error) {
        return { ok: false, reason: 'cannot be read', detail: why(error) };
      }
      try {
        const st = await handle.stat();
        if (!st.isFile()) return { ok: false, reason: 'is not a regular file' };
        if (st.size > opts.maxBytes)
          return {
            ok: false,
            reason: 'is over the media library’s limits',
            detail: `${st.size} bytes; the limit is ${opts.maxBytes}`,
          };
        return { ok: true, bytes: await handle.readFile() };
      } catch (error) {
        return { ok: false, reason: 'cannot be read', detail: why(error) };
      } finally {
        await handle.close();
      }
    },
  };
}
