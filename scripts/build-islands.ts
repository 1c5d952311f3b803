/**
 * Bundles the admin's browser islands (src/web/admin/islands/NAME/main.ts) with esbuild into
 * dist/islands/: minified ES modules named by content hash, so they can be cached for a year,
 * plus `manifest.json` (island name to file) for the server and `metafile.json` for the bundle
 * budget test. Run by `npm run build`; runs on Node's own TypeScript type stripping.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

export interface IslandEntry {
  /** The bundle's file name in the output folder, with its content hash. */
  readonly file: string;
}
export type IslandManifest = Record<string, IslandEntry>;

export interface IslandsBuild {
  readonly outdir: string;
  readonly manifest: IslandManifest;
  readonly metafile: Metafile;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ISLANDS_SRC = join(ROOT, 'src', 'web', 'admin', 'islands');
export const ISLANDS_OUT = join(ROOT, 'dist', 'islands');

/** Every folder of the islands source with a main.ts is one island, named after the folder. */
function entryPoints(src: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(src)) {
    const main = join(src, name, 'main.ts');
    if (existsSync(main)) entries[name] = main;
  }
  return entries;
}

export async function buildIslands(
  opts: { readonly src?: string; readonly outdir?: string } = {},
): Promise<IslandsBuild> {
  const src = opts.src ?? ISLANDS_SRC;
  const outdir = opts.outdir ?? ISLANDS_OUT;
  // Old hashed files would otherwise pile up and be served forever.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const entries = entryPoints(src);
  const result = await build({
    entryPoints: entries,
    outdir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  const manifest: IslandManifest = {};
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint || !out.endsWith('.js')) continue;
    const name = Object.keys(entries).find(
      (n) => relative(ROOT, entries[n] ?? '') === meta.entryPoint,
    );
    if (name) manifest[name] = { file: basename(out) };
  }
  writeFileSync(join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outdir, 'metafile.json'), JSON.stringify(result.metafile));
  return { outdir, manifest, metafile: result.metafile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { manifest } = await buildIslands();
  for (const [name, entry] of Object.entries(manifest)) {
    console.log(`islands: ${name} -> dist/islands/${entry.file}`);
  }
}
