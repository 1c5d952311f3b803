import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/store/migrate.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

/**
 * The content version flushes every page cache, in every process. It must move for each change
 * a reader can see, and for nothing else.
 */
describeEachDialect('content version', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  async function seeded() {
    store = await dialect.open();
    await migrateToLatest(store);
    const db = store.db;
    const now = new Date().toISOString();
    await sql`insert into users (email, name, slug, role, bio, created_at)
      values ('a@example.org', 'A', 'a', 'author', '', ${now})`.execute(db);
    await sql`insert into articles (title, slug, body_source, body_html, excerpt, status, author_id,
      published_at, created_at, updated_at)
      select 'T', 't', 'b', '<p>b</p>', 'b', 'published', id, ${now}, ${now}, ${now} from users`.execute(
      db,
    );
    return db;
  }

  const insertItem = (db: TestStore['db'], status: string) =>
    sql`insert into discussion_items (article_id, kind, type, status, author_name, content_html,
      verification, created_at, updated_at)
      select id, 'linkback', 'mention', ${status}, 'Sender', '', 'pending',
        ${new Date().toISOString()}, ${new Date().toISOString()} from articles`.execute(db);

  it('stays put for pending discussion items and private settings', async () => {
    const db = await seeded();
    const before = await store!.contentVersion();
    for (let i = 0; i < 5; i++) await insertItem(db, 'pending');
    await sql`update discussion_items set author_name = 'Spammer', status = 'spam'`.execute(db);
    await sql`insert into settings (key, value) values ('comment-form-secret', '"x"')`.execute(db);
    await sql`insert into settings (key, value) values ('linkback-status-secret', '"y"')`.execute(
      db,
    );
    expect(await store!.contentVersion()).toBe(before);
  });

  it('moves when an item is approved, edited while approved, unapproved or deleted', async () => {
    const db = await seeded();
    await insertItem(db, 'pending');
    const steps = [
      sql`update discussion_items set status = 'approved'`,
      sql`update discussion_items set author_name = 'Renamed'`,
      sql`update discussion_items set status = 'pending'`,
      sql`update discussion_items set status = 'approved'`,
      sql`delete from discussion_items`,
      sql`insert into settings (key, value) values ('site', '{}')`,
      sql`update articles set title = 'New title'`,
    ];
    for (const step of steps) {
      const before = await store!.contentVersion();
      await step.execute(db);
      expect(await store!.contentVersion()).toBeGreaterThan(before);
    }
  });
});
