/**
 * The admin's browser islands, as `npm run build` leaves them (scripts/build-islands.ts):
 * dist/islands/ holds content-hashed bundles and a manifest naming them. Pages ask for an
 * island's URL with `islandHref`; `islandsApp` serves the files under /admin/assets/, cached for
 * a year, since a changed bundle gets a new name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { statusFor } from '../errors.js';

export const ISLANDS_PATH = '/admin/assets';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface Islands {
  /** The URL of island `name`'s bundle, or null when it has not been built. */
  href(name: string): string | null;
  /** The built files by name, as served. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** The islands built into `dir`: none if the folder or its manifest is missing. */
export function readIslands(dir: string): Islands {
  const manifestPath = join(dir, 'manifest.json');
  const hrefs = new Map<string, string>();
  const files = new Map<string, Uint8Array>();
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<
      string,
      { file?: unknown }
    >;
    for (const [name, entry] of Object.entries(manifest)) {
      const file = entry.file;
      // Only the plain names the build writes: the manifest never leads outside `dir`.
      if (typeof file !== 'string' || !/^[A-Za-z0-9_-]+\.js$/.test(file)) continue;
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      files.set(file, readFileSync(path));
      if (existsSync(`${path}.map`)) files.set(`${file}.map`, readFileSync(`${path}.map`));
      hrefs.set(name, `${ISLANDS_PATH}/${file}`);
    }
  }
  return { href: (name) => hrefs.get(name) ?? null, files };
}

// src/web/admin/ and dist/web/admin/ are both three folders below the package root, so the
// same relative URL finds dist/islands/ from the compiled server and from tests run on src/.
const BUILT = fileURLToPath(new URL('../../../dist/islands/', import.meta.url));
let built: Islands | undefined;
/** The islands of this installation, read once. */
export const builtIslands = (): Islands => (built ??= readIslands(BUILT));

/** The URL of a built island's script for `<script type="module" src=…>`, or null. */
export const islandHref = (name: string): string | null => builtIslands().href(name);

/** Serves the islands' files; mount at ISLANDS_PATH, before the admin (no session needed). */
export function islandsApp(islands: Islands = builtIslands()): Hono {
  const app = new Hono();
  app.get('/:file', (c) => {
    const name = c.req.param('file');
    const body = islands.files.get(name);
    if (!body) {
      c.header('Cache-Control', 'no-store');
      return c.text('No such asset.', statusFor('not_found'));
    }
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('Content-Type', TYPES[extname(name)] ?? 'application/octet-stream');
    return c.body(new Uint8Array(body));
  });
  return app;
}
