/**
 * Listing totals are kept between requests (counting is linear in the site's size) while the
 * content version is unchanged and no live article's publication time has come; these pin that
 * a kept total never outlives what it counted.
 */
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { repositories } from '../src/store/repositories/index.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describeEachDialect('listing totals', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  async function site() {
    store = await dialect.open();
    await migrateToLatest(store);
    const repos = repositories(store.db);
    const user = await repos.users.insert(
      { email: 'a@example.org', name: 'A', slug: 'a', role: 'author', passwordHash: null },
      NOW,
    );
    if (!user) throw new Error('the user was not inserted');
    let n = 0;
    const publish = (publishedAt: Date) =>
      repos.articles.insert(
        {
          kind: 'article',
          standfirst: '',
          unpublishAt: null,
          linkbacksSend: true,
          slug: `s${++n}`,
          title: `T${n}`,
          bodySource: 'b',
          bodyHtml: trustStoredHtml('<p>b</p>'),
          excerpt: '',
          status: 'published',
          publishedAt,
          authorId: user.id,
          commentsOpen: true,
          commentsCloseAt: null,
          linkbacksOpen: true,
          linkbacksCloseAt: null,
          trackbackTo: [],
        },
        NOW,
      );
    return { repos, publish, db: store.db };
  }

  it('counts a new article at once, and a deleted one no more', async () => {
    const { repos, publish } = await site();
    await publish(minutes(-10));
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(1);
    const second = await publish(minutes(-5));
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(2);
    await repos.articles.markDeleted(second.id, NOW);
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(1);
  });

  it('counts an article dated in the future once its time comes, with no write in between', async () => {
    const { repos, publish } = await site();
    await publish(minutes(-10));
    await publish(minutes(30));
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(1);
    expect((await repos.articles.listPublished(minutes(29), 1, 10)).total).toBe(1);
    expect((await repos.articles.listPublished(minutes(30), 1, 10)).total).toBe(2);
    // A clock set back counts again rather than trusting a total taken later.
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(1);
  });

  it('sees a change written around the repository (another process, a raw fix)', async () => {
    const { repos, publish, db } = await site();
    const a = await publish(minutes(-10));
    await publish(minutes(-5));
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(2);
    await sql`update articles set status = 'draft' where id = ${a.id}`.execute(db);
    expect((await repos.articles.listPublished(NOW, 1, 10)).total).toBe(1);
  });

  it('finds the subcategories of a category at every depth, and only those', async () => {
    const { repos } = await site();
    const top = await repos.terms.ensure('category', 'Top', 'top');
    const mid = await repos.terms.ensure('category', 'Mid', 'mid', top.id);
    const leaf = await repos.terms.ensure('category', 'Leaf', 'leaf', mid.id);
    const other = await repos.terms.ensure('category', 'Other', 'other');
    await repos.terms.ensure('category', 'Other child', 'other-child', other.id);
    expect(await repos.terms.withDescendants(top.id)).toEqual([top.id, mid.id, leaf.id]);
    expect(await repos.terms.withDescendants(leaf.id)).toEqual([leaf.id]);
  });

  it('lists a large term newest first by walking the live articles', async () => {
    const { repos, publish } = await site();
    const term = await repos.terms.ensure('category', 'Big', 'big');
    const ids: number[] = [];
    for (let i = 0; i < 1_005; i++) {
      const a = await publish(minutes(-2_000 + i));
      if (i % 2 === 0) ids.push(a.id);
    }
    for (const id of ids) await repos.terms.attach(id, [term.id]);
    const page = await repos.articles.listPublished(NOW, 2, 10, { termIds: [term.id] });
    expect(page.total).toBe(ids.length);
    expect(page.items.map((a) => a.id)).toEqual(ids.slice(-20, -10).reverse());
  }, 60_000);
});
