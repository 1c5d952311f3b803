import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/store/migrate.js';
import { settingsRepository } from '../src/store/repositories/settings.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

/**
 * The public pages read the site settings on every render; the repository keeps each key's last
 * parse with the stored text it came from, and parses again as soon as the text differs, however
 * it was written (this repository, another one, raw SQL from another process).
 */
describeEachDialect('settings parsed once per stored text', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  it('reuses the parse while the text is the same and parses again when it changes', async () => {
    store = await dialect.open();
    await migrateToLatest(store);
    const repo = settingsRepository(store.db);
    let parses = 0;
    const parse = (value: unknown) => {
      parses += 1;
      return { title: (value as { title?: string } | undefined)?.title ?? 'none' };
    };
    expect(await repo.parsed('site-test', parse)).toEqual({ title: 'none' });
    await repo.set('site-test', { title: 'One' });
    const first = await repo.parsed('site-test', parse);
    expect(first).toEqual({ title: 'One' });
    expect(await repo.parsed('site-test', parse)).toBe(first);
    expect(parses).toBe(2);

    // Written around this repository, as another process would.
    await sql`update settings set value = ${JSON.stringify({ title: 'Two' })} where key = 'site-test'`.execute(
      store.db,
    );
    expect(await repo.parsed('site-test', parse)).toEqual({ title: 'Two' });
    expect(parses).toBe(3);
    await sql`delete from settings where key = 'site-test'`.execute(store.db);
    expect(await repo.parsed('site-test', parse)).toEqual({ title: 'none' });
  });
});
