import type { Kysely } from 'kysely';
import type { SettingsRepository } from '../../app/ports.js';
import type { Database } from '../schema.js';

export function settingsRepository(db: Kysely<Database>) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async set(key: string, value: unknown): Promise<void> {
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
    /** Inserts only when absent; returns the stored value either way (safe under races). */
    async getOrInit<T>(key: string, init: () => T): Promise<T> {
      await db
        .insertInto('settings')
        .values({ key, value: JSON.stringify(init()) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return JSON.parse(row.value) as T;
    },
  } satisfies SettingsRepository;
}
