import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/store/migrate.js';
import { discussionRepository } from '../src/store/repositories/discussion.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

/**
 * An article's public discussion is kept between reads while its revision (migration 0022,
 * bumped by triggers) is unchanged. Every change a reader can see must move it, from any
 * connection, and the kept list must then give way to what the database holds.
 */
describeEachDialect('discussion revisions', (dialect) => {
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
    for (const slug of ['one', 'two']) {
      await sql`insert into articles (title, slug, body_source, body_html, excerpt, status,
        author_id, published_at, created_at, updated_at)
        select 'T', ${slug}, 'b', '<p>b</p>', 'b', 'published', id, ${now}, ${now}, ${now}
        from users`.execute(db);
    }
    const ids = await sql<{ id: number }>`select id from articles order by id`.execute(db);
    return { db, one: Number(ids.rows[0]!.id), two: Number(ids.rows[1]!.id) };
  }

  const insertComment = (db: TestStore['db'], articleId: number, status: string, name: string) =>
    sql`insert into discussion_items (article_id, kind, type, status, author_name, content_html,
      verification, created_at, updated_at)
      values (${articleId}, 'comment', 'comment', ${status}, ${name}, '<p>hi</p>', 'not-required',
        ${new Date().toISOString()}, ${new Date().toISOString()})`.execute(db);

  const revision = async (db: TestStore['db'], articleId: number) => {
    const r = await sql<{
      revision: string | number;
    }>`select revision from discussion_revisions where article_id = ${articleId}`.execute(db);
    return Number(r.rows[0]?.revision ?? 0);
  };

  it('moves for every visible change to one article and for nothing else', async () => {
    const { db, one, two } = await seeded();
    await insertComment(db, one, 'pending', 'P');
    await sql`update discussion_items set status = 'spam'`.execute(db);
    expect(await revision(db, one)).toBe(0);
    const steps = [
      sql`update discussion_items set status = 'approved'`,
      sql`update discussion_items set author_name = 'Renamed'`,
      sql`update discussion_items set status = 'pending'`,
      sql`update discussion_items set status = 'approved'`,
      sql`update discussion_items set article_id = ${two}`,
      sql`delete from discussion_items`,
    ];
    let last = 0;
    let lastTwo = 0;
    for (const step of steps) {
      await step.execute(db);
      const [now, nowTwo] = [await revision(db, one), await revision(db, two)];
      expect(now + nowTwo).toBeGreaterThan(last + lastTwo);
      [last, lastTwo] = [now, nowTwo];
    }
    // Moving the item changed both articles' discussions.
    expect(lastTwo).toBeGreaterThan(0);
    const before = await revision(db, one);
    await sql`update articles set title = 'Other'`.execute(db);
    await insertComment(db, two, 'pending', 'Q');
    expect(await revision(db, one)).toBe(before);
  });

  it('serves the kept list until the discussion changes, then what the database holds', async () => {
    const { db, one, two } = await seeded();
    await insertComment(db, one, 'approved', 'First');
    await insertComment(db, two, 'approved', 'Elsewhere');
    const repo = discussionRepository(db);
    const first = await repo.listPublic(one);
    expect(first.map((i) => i.authorName)).toEqual(['First']);
    // The same items again (kept), but never the same array: callers may sort it.
    const again = await repo.listPublic(one);
    expect(again).not.toBe(first);
    expect(again[0]).toBe(first[0]);
    // Each change below comes through raw SQL, as another process would write.
    await insertComment(db, one, 'approved', 'Second');
    expect((await repo.listPublic(one)).map((i) => i.authorName)).toEqual(['First', 'Second']);
    await sql`update discussion_items set status = 'spam' where author_name = 'First'`.execute(db);
    expect((await repo.listPublic(one)).map((i) => i.authorName)).toEqual(['Second']);
    await sql`update discussion_items set content_html = '<p>edited</p>'
      where author_name = 'Second'`.execute(db);
    expect((await repo.listPublic(one))[0]!.contentHtml).toContain('edited');
    await sql`delete from discussion_items where article_id = ${one}`.execute(db);
    expect(await repo.listPublic(one)).toEqual([]);
    expect((await repo.listPublic(two)).map((i) => i.authorName)).toEqual(['Elsewhere']);
  });

  it('keeps nothing inside a transaction that rolls back', async () => {
    const { db, one } = await seeded();
    const repo = discussionRepository(db);
    expect(await repo.listPublic(one)).toEqual([]);
    await db
      .transaction()
      .execute(async (trx) => {
        await insertComment(trx as unknown as TestStore['db'], one, 'approved', 'Rolled back');
        expect((await discussionRepository(trx).listPublic(one)).length).toBe(1);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await repo.listPublic(one)).toEqual([]);
  });
});
