import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { ttlMs } from '../fediverse/durations.js';

const encodeKey = (key: KvKey): string => JSON.stringify(key);

/**
 * Fedify's key–value store over our database (table `fediverse_kv`, one query path for SQLite
 * and PostgreSQL). A key is stored as its JSON array, so a prefix of keys is a prefix of text:
 * `["a","b"]` lists under `["a"]` because its text starts with `["a",`. Expired rows read as
 * absent; `prune` deletes them (the worker calls it).
 */
export function storeKvStore(
  db: Kysely<Database>,
  now: () => Date = () => new Date(),
): KvStore & {
  prune(): Promise<number>;
} {
  const live = () => {
    const at = now().toISOString();
    return sql<boolean>`(expires_at is null or expires_at > ${at})`;
  };
  const expiry = (options?: KvStoreSetOptions): string | null =>
    options?.ttl === undefined
      ? null
      : new Date(now().getTime() + ttlMs(options.ttl)).toISOString();

  async function get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await db
      .selectFrom('fediverse_kv')
      .select('value')
      .where('key', '=', encodeKey(key))
      .where(live())
      .executeTakeFirst();
    // The stored text is what `set` wrote with JSON.stringify: T is the caller's claim, as in
    // every Fedify KvStore.
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async function set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const row = { key: encodeKey(key), value: JSON.stringify(value), expires_at: expiry(options) };
    await db
      .insertInto('fediverse_kv')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: row.value, expires_at: row.expires_at }),
      )
      .execute();
  }

  async function del(key: KvKey): Promise<void> {
    await db.deleteFrom('fediverse_kv').where('key', '=', encodeKey(key)).execute();
  }

  async function cas(
    key: KvKey,
    expected: unknown,
    next: unknown,
    options?: KvStoreSetOptions,
  ): Promise<boolean> {
    const k = encodeKey(key);
    return db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('fediverse_kv')
        .select(['value'])
        .where('key', '=', k)
        .where(live())
        .executeTakeFirst();
      const current = row === undefined ? undefined : (JSON.parse(row.value) as unknown);
      if (JSON.stringify(current) !== JSON.stringify(expected)) return false;
      if (next === undefined) {
        await tx.deleteFrom('fediverse_kv').where('key', '=', k).execute();
        return true;
      }
      const value = JSON.stringify(next);
      const expires_at = expiry(options);
      await tx
        .insertInto('fediverse_kv')
        .values({ key: k, value, expires_at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at }))
        .execute();
      return true;
    });
  }

  async function* list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    let query = db.selectFrom('fediverse_kv').select(['key', 'value']).where(live());
    if (prefix !== undefined) {
      const exact = encodeKey(prefix);
      const under = `${exact.slice(0, -1)},`;
      query = query.where((eb) =>
        eb.or([
          eb('key', '=', exact),
          eb(sql<string>`substr(key, 1, ${under.length})`, '=', under),
        ]),
      );
    }
    const rows = await query.orderBy('key').execute();
    for (const row of rows) {
      // Keys were written by encodeKey from a KvKey.
      yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) as unknown };
    }
  }

  async function prune(): Promise<number> {
    const result = await db
      .deleteFrom('fediverse_kv')
      .where('expires_at', '<=', now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return { get, set, delete: del, cas, list, prune };
}
