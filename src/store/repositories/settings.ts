import type { Kysely } from 'kysely';
import type { SettingsRepository } from '../../app/ports.js';
import type { Database } from '../schema.js';
import { compiledOnce } from './compiled-query.js';

interface Parsed {
  readonly text: string | undefined;
  readonly parse: (value: unknown) => unknown;
  readonly value: unknown;
}

export function settingsRepository(db: Kysely<Database>) {
  const valueOf = compiledOnce<[string], { value: string }>(db, (d) =>
    d.selectFrom('settings').select('value').where('key', '=', ''),
  );
  /**
   * Each key's last parse, with the stored text it came from: a read that finds the same text
   * (from any process's write, the text is what is compared) reuses it, so a page view does not
   * run JSON.parse and the settings schema again. Held per repository, one entry per key.
   */
  const parsed = new Map<string, Parsed>();
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const [row] = await valueOf(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async parsed<T>(key: string, parse: (value: unknown) => T): Promise<T> {
      const [row] = await valueOf(key);
      const text = row?.value;
      const held = parsed.get(key);
      if (held && held.text === text && held.parse === parse) return held.value as T;
      const value = parse(text === undefined ? undefined : JSON.parse(text));
      parsed.set(key, { text, parse, value });
      return value;
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
