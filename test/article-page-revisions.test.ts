import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/store/migrate.js';
import { articlePagesRepository } from '../src/store/repositories/article-pages.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

/**
 * An article page's own rows (the article, its bylines and their users, its terms, its notes, its
 * reactions) are kept between reads while the page's revision (migration 0027, bumped by
 * triggers) is unchanged. Every change to any of those rows must move it, from any connection,
 * and nothing else may: a write to another article, a comment, a setting.
 */
describeEachDialect('article page revisions', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  const now = () => new Date().toISOString();

  async function seeded() {
    store = await dialect.open();
    await migrateToLatest(store);
    const db = store.db;
    for (const who of ['a', 'b']) {
      await sql`insert into users (email, name, slug, role, bio, created_at)
        values (${`${who}@example.org`}, ${who.toUpperCase()}, ${who}, 'author', '', ${now()})`.execute(
        db,
      );
    }
    for (const slug of ['one', 'two']) {
      await sql`insert into articles (title, slug, body_source, body_html, excerpt, status,
        author_id, published_at, created_at, updated_at)
        select 'T', ${slug}, 'b', '<p>b</p>', 'b', 'published', id, ${now()}, ${now()}, ${now()}
        from users where slug = 'a'`.execute(db);
    }
    for (const [kind, name] of [
      ['category', 'Port'],
      ['tag', 'quay'],
    ] as const) {
      await sql`insert into terms (kind, name, slug, description)
        values (${kind}, ${name}, ${name.toLowerCase()}, '')`.execute(db);
    }
    const id = async (q: ReturnType<typeof sql<{ id: number }>>) =>
      Number((await q.execute(db)).rows[0]!.id);
    return {
      db,
      one: await id(sql<{ id: number }>`select id from articles where slug = 'one'`),
      two: await id(sql<{ id: number }>`select id from articles where slug = 'two'`),
      a: await id(sql<{ id: number }>`select id from users where slug = 'a'`),
      b: await id(sql<{ id: number }>`select id from users where slug = 'b'`),
      port: await id(sql<{ id: number }>`select id from terms where slug = 'port'`),
      quay: await id(sql<{ id: number }>`select id from terms where slug = 'quay'`),
    };
  }

  const revision = async (db: TestStore['db'], articleId: number) => {
    const r = await sql<{ revision: string | number }>`select revision from article_page_revisions
      where article_id = ${articleId}`.execute(db);
    return Number(r.rows[0]?.revision ?? 0);
  };

  it('moves for every change to the rows an article page reads with its article, and for nothing else', async () => {
    const { db, one, two, a, b, port, quay } = await seeded();
    // Before any page is read: linking terms and bylines to "two" only.
    await sql`insert into article_terms (article_id, term_id) values (${two}, ${quay})`.execute(db);
    const untouched = await revision(db, one);
    const steps = [
      sql`update articles set title = 'New title' where id = ${one}`,
      sql`insert into article_authors (article_id, user_id, position) values (${one}, ${a}, 0)`,
      sql`insert into article_authors (article_id, user_id, position) values (${one}, ${b}, 1)`,
      sql`update users set name = 'Bea' where id = ${b}`,
      sql`delete from article_authors where article_id = ${one} and user_id = ${b}`,
      sql`update users set bio = 'Writes.' where id = ${a}`,
      sql`insert into article_terms (article_id, term_id) values (${one}, ${port})`,
      sql`update terms set name = 'Shipping' where id = ${port}`,
      sql`insert into article_corrections (article_id, kind, note, created_at)
        values (${one}, 'correction', 'Fixed a name.', ${now()})`,
      sql`update article_corrections set note = 'Fixed two names.'`,
      sql`insert into fediverse_reactions (article_id, kind, activity_id, actor_id, actor_host,
        actor_handle, profile_url, created_at)
        values (${one}, 'like', 'https://social.example/1', 'https://social.example/u/x',
        'social.example', 'x', 'https://social.example/@x', ${now()})`,
      sql`delete from fediverse_reactions`,
      sql`delete from terms where id = ${port}`,
    ];
    let last = untouched;
    for (const step of steps) {
      await step.execute(db);
      const moved = await revision(db, one);
      expect(moved, step.compile(db).sql).toBeGreaterThan(last);
      last = moved;
    }
    // Writes elsewhere: another article, its terms, a term it alone has, a comment, a setting.
    const before = await revision(db, one);
    await sql`update articles set title = 'Other' where id = ${two}`.execute(db);
    await sql`update terms set name = 'Quays' where id = ${quay}`.execute(db);
    await sql`insert into discussion_items (article_id, kind, type, status, author_name,
      content_html, verification, created_at, updated_at)
      values (${one}, 'comment', 'comment', 'approved', 'R', '<p>hi</p>', 'not-required',
      ${now()}, ${now()})`.execute(db);
    await sql`insert into settings (key, value) values ('x', '1')`.execute(db);
    expect(await revision(db, one)).toBe(before);
    expect(await revision(db, two)).toBeGreaterThan(0);
  });

  it('hands out the same objects until a row changes, then what the database holds', async () => {
    const { db, one, b } = await seeded();
    const repo = articlePagesRepository(db);
    const first = await repo.bySlug('one');
    expect(first?.article.title).toBe('T');
    expect(await repo.bySlug('one')).toBe(first);
    // Each change below comes through raw SQL, as another process would write.
    await sql`update articles set title = 'Renamed' where id = ${one}`.execute(db);
    const renamed = await repo.bySlug('one');
    expect(renamed).not.toBe(first);
    expect(renamed?.article.title).toBe('Renamed');
    await sql`insert into article_authors (article_id, user_id, position)
      values (${one}, ${b}, 0)`.execute(db);
    expect((await repo.bySlug('one'))?.extras.bylines.map((u) => u.name)).toEqual(['B']);
    await sql`update users set name = 'Bea' where id = ${b}`.execute(db);
    expect((await repo.bySlug('one'))?.extras.bylines.map((u) => u.name)).toEqual(['Bea']);
    // A slug that stops naming an article, and one that starts to.
    await sql`update articles set slug = 'moved' where id = ${one}`.execute(db);
    expect(await repo.bySlug('one')).toBeUndefined();
    expect((await repo.bySlug('moved'))?.article.id).toBe(one);
    await sql`update articles set slug = 'one' where id = ${one}`.execute(db);
    expect((await repo.bySlug('one'))?.article.id).toBe(one);
  });

  it('keeps nothing inside a transaction that rolls back', async () => {
    const { db, one } = await seeded();
    const repo = articlePagesRepository(db);
    expect((await repo.bySlug('one'))?.article.title).toBe('T');
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`update articles set title = 'Rolled back' where id = ${one}`.execute(trx);
        expect((await articlePagesRepository(trx).bySlug('one'))?.article.title).toBe(
          'Rolled back',
        );
        throw new Error('roll back');
      })
      .catch(() => {});
    expect((await repo.bySlug('one'))?.article.title).toBe('T');
  });
});
