import type { CompiledQuery, Compilable, Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A hot read built and compiled by Kysely once, then run with new parameters: Kysely otherwise
 * builds and compiles the same query tree on every call, which costs more than SQLite running it.
 * `parameters` must list values in the order the compiled SQL numbers them (the order the
 * builder calls took them); the first compile's values are placeholders.
 */
export function compiledOnce<P extends readonly unknown[], R>(
  db: Db,
  build: (db: Db) => Compilable<R>,
): (...parameters: P) => Promise<R[]> {
  let compiled: CompiledQuery<R> | undefined;
  return async (...parameters) => {
    compiled ??= build(db).compile();
    const { rows } = await db.executeQuery<R>({ ...compiled, parameters });
    return rows;
  };
}
