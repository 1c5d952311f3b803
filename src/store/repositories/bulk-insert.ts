import type { CompiledQuery, Compilable, Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Readonly<Record<string, unknown>>;

/**
 * Compiled multi-row statements by statement shape, for one database (one dialect): its owner
 * makes one per store (the unit of work does) and hands it to every transaction's repositories,
 * so each shape is compiled once per process. A memo of SQL texts: the same key always compiles
 * to the same text.
 */
export interface StatementCache {
  readonly compiled: Map<string, CompiledQuery<unknown>>;
}

export const statementCache = (): StatementCache => ({ compiled: new Map() });

/**
 * Runs a multi-row INSERT that `build` makes for `rows`, compiling it with Kysely only the first
 * time this shape (`key` and the number of rows) is seen, then binding new values to the same
 * text. Building and compiling an INSERT of hundreds of rows costs about as much as SQLite running
 * it (an import writes hundreds of thousands of rows). The rows must share one set of columns in
 * one order, with no `undefined` value (Kysely writes DEFAULT for those, so the text would
 * differ): such a call is built the ordinary way instead, and the first compile of each shape is
 * checked to bind exactly the rows' values in that order.
 */
export async function insertRows<T extends Row, R>(
  db: Db,
  cache: StatementCache,
  key: string,
  rows: readonly T[],
  build: (db: Db, rows: T[]) => Compilable<R>,
): Promise<R[]> {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const parameters: unknown[] = [];
  for (const row of rows) {
    let n = 0;
    for (const column in row) {
      const value = row[column];
      if (value === undefined || column !== columns[n]) return ordinary(db, rows, build);
      parameters.push(value);
      n++;
    }
    if (n !== columns.length) return ordinary(db, rows, build);
  }
  const shape = `${key}|${rows.length}|${columns.join(',')}`;
  let compiled = cache.compiled.get(shape) as CompiledQuery<R> | undefined;
  if (!compiled) {
    compiled = build(db, [...rows]).compile();
    const same =
      compiled.parameters.length === parameters.length &&
      compiled.parameters.every((p, i) => p === parameters[i]);
    if (!same) throw new Error(`insertRows(${key}): the statement does not bind the rows in order`);
    cache.compiled.set(shape, compiled);
  }
  const { rows: out } = await db.executeQuery<R>({ ...compiled, parameters });
  return out;
}

async function ordinary<T extends Row, R>(
  db: Db,
  rows: readonly T[],
  build: (db: Db, rows: T[]) => Compilable<R>,
): Promise<R[]> {
  const { rows: out } = await db.executeQuery<R>(build(db, [...rows]).compile());
  return out;
}
