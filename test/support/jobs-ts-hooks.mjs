import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Transpiled output is cached by content hash, so a child process whose sources are unchanged
 * never loads the TypeScript compiler (about a second per start on a small machine).
 */
const CACHE_DIR = join(tmpdir(), 'newsdesk-ts-loader-cache');
mkdirSync(CACHE_DIR, { recursive: true });

let compiler = null;
async function transpile(source, fileName) {
  compiler ??= (await import('typescript')).default;
  return compiler.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: compiler.ModuleKind.ESNext,
      target: compiler.ScriptTarget.ES2022,
      inlineSourceMap: true,
    },
  }).outputText;
}

/** NodeNext sources import `./x.js`; under this loader that means `./x.ts` when it exists. */
export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, 'utf8');
  const key = createHash('sha256').update(fileName).update('\0').update(source).digest('hex');
  const cached = join(CACHE_DIR, `${key}.mjs`);
  let output = await readFile(cached, 'utf8').catch(() => null);
  if (output === null) {
    output = await transpile(source, fileName);
    // Write then rename: a concurrent child never reads a half-written file.
    const partial = `${cached}.${process.pid}.tmp`;
    await writeFile(partial, output);
    await rename(partial, cached);
  }
  return { format: 'module', source: output, shortCircuit: true };
}
