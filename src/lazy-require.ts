/**
 * A package loaded on its first use instead of at boot, synchronously (`require`, which Node 24
 * also gives ESM packages without top-level await). The libraries behind writes (the sanitiser,
 * the Markdown renderer, the HTML parser, the PostgreSQL driver, microformats) cost a server that
 * only serves pages about 40 MiB of resident memory and a part of its boot if loaded up front.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
