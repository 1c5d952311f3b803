import { Migrator, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { queryTerms } from '../src/domain/search-text.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { migrations } from '../src/store/migrations/index.js';
import { repositories } from '../src/store/repositories/index.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

describeEachDialect('the search migration', (dialect) => {
  let store: TestStore | null = null;
  afterEach(async () => {
    await store?.dispose();
    store = null;
  });

  it('indexes the articles and pages already published, and nothing else', async () => {
    store = await dialect.open();
    const schema =
      store.caps.dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
        : undefined;
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations(store!.caps) },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    expect((await migrator.migrateTo('0008-editorial')).error).toBeUndefined();
    const repos = repositories(store.db);
    const [user] = await sql<{ id: number }>`insert into users
      (email, name, slug, role, password_hash, bio, url, created_at)
      values ('a@example.org', 'A', 'a', 'author', null, '', null, '2026-01-01T00:00:00.000Z')
      returning id`
      .execute(store.db)
      .then((r) => r.rows);
    const base = {
      standfirst: '',
      bodySource: '',
      excerpt: '',
      publishedAt: new Date('2026-01-02T00:00:00.000Z'),
      authorId: user!.id,
      trackbackTo: [],
      unpublishAt: null,
      linkbacksSend: true,
      commentsOpen: true,
      commentsCloseAt: null,
      linkbacksOpen: true,
      linkbacksCloseAt: null,
    };
    const now = new Date('2026-01-02T00:00:00.000Z');
    await repos.articles.insert(
      {
        ...base,
        kind: 'article',
        slug: 'old-one',
        title: 'Işıq old',
        bodyHtml: trustStoredHtml('<p>Kept <b>lantern</b></p>'),
        status: 'published',
      },
      now,
    );
    await repos.articles.insert(
      {
        ...base,
        kind: 'page',
        slug: 'about',
        title: 'About',
        bodyHtml: trustStoredHtml('<p>lantern makers</p>'),
        status: 'published',
      },
      now,
    );
    await repos.articles.insert(
      {
        ...base,
        kind: 'article',
        slug: 'draft',
        title: 'Draft',
        bodyHtml: trustStoredHtml('<p>lantern draft</p>'),
        status: 'draft',
        publishedAt: null,
      },
      now,
    );
    await migrateToLatest(store);
    const found = await repos.search.search({
      terms: queryTerms('LANTERN'),
      now: new Date('2026-02-01T00:00:00.000Z'),
      limit: 10,
      offset: 0,
      countUpTo: 100,
    });
    expect(found.hits.map((h) => h.article.slug).sort()).toEqual(['about', 'old-one']);
    expect(found.total).toBe(2);
    const az = await repos.search.search({
      terms: queryTerms('IŞIQ'),
      now: new Date('2026-02-01T00:00:00.000Z'),
      limit: 10,
      offset: 0,
      countUpTo: 100,
    });
    expect(az.hits.map((h) => h.text)).toEqual(['Kept lantern']);
  });
});
