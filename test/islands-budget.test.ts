/**
 * The editor bundle's budget (issue 16: at most 150 kB gzip), measured on a real esbuild build
 * from its metafile: the output file of the editor's entry point, gzipped with zlib.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIslands, type IslandsBuild } from '../scripts/build-islands.js';

const BUDGET_GZIP_BYTES = 150_000;

let out: string;
let built: IslandsBuild;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'newsdesk-islands-'));
  built = await buildIslands({ outdir: join(out, 'islands') });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The metafile's output for an island's entry point, and its path on disk. */
function entryOutput(name: string) {
  const [path, meta] =
    Object.entries(built.metafile.outputs).find(
      ([p, m]) => m.entryPoint?.endsWith(`islands/${name}/main.ts`) && p.endsWith('.js'),
    ) ?? [];
  if (!path || !meta) throw new Error(`no output for the ${name} island in the metafile`);
  return { path: join(built.outdir, path.split('/').pop() ?? ''), meta };
}

describe('the editor bundle', () => {
  it('is at most 150 kB gzip, measured from the output esbuild lists in its metafile', () => {
    const { path, meta } = entryOutput('editor');
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(meta.bytes);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    console.info(
      `[newsdesk] editor island: ${(meta.bytes / 1000).toFixed(1)} kB minified, ${(gzip / 1000).toFixed(1)} kB gzip (budget ${BUDGET_GZIP_BYTES / 1000} kB)`,
    );
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('leaves out the HTML, CSS and JavaScript parsers that markdown() would pull in', () => {
    const inputs = Object.keys(entryOutput('editor').meta.inputs);
    expect(inputs.some((i) => i.includes('@codemirror/view'))).toBe(true);
    expect(
      inputs.filter((i) =>
        /@codemirror\/lang-(html|css|javascript)|@lezer\/(html|css|javascript)/.test(i),
      ),
    ).toEqual([]);
  });

  it('is one self-contained ES module named by its content hash, listed in the manifest', () => {
    const { path, meta } = entryOutput('editor');
    expect(built.manifest.editor?.file).toMatch(/^editor-[A-Z0-9]{8}\.js$/);
    expect(path.endsWith(built.manifest.editor?.file ?? '?')).toBe(true);
    expect(meta.imports).toEqual([]);
    expect(readFileSync(path, 'utf8')).not.toMatch(/\bimport\s*\(|from\s*["']/);
  });
});
