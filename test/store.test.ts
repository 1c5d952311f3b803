import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { repositories } from '../src/store/repositories/index.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';
import { migrations } from '../src/store/migrations/index.js';

const NOW = new Date('2026-03-01T10:00:00Z');

function migrateInChild(databaseUrl: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/newsdesk.js', 'migrate'], {
      env: { ...process.env, NEWSDESK_DATABASE_URL: databaseUrl, NEWSDESK_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describeEachDialect('store', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  it('migrates an empty database and a second run changes nothing', async () => {
    store = await dialect.open();
    const first = await migrateToLatest(store);
    expect(first).toEqual(Object.keys(migrations(store.caps)));
    expect(first.slice(0, 3)).toEqual(['0001-core', '0002-jobs', '0003-content-version']);
    expect(await migrateToLatest(store)).toEqual([]);
  });

  it('migrates safely from two processes at once', async () => {
    store = await dialect.open();
    const [a, b] = await Promise.all([
      migrateInChild(store.databaseUrl),
      migrateInChild(store.databaseUrl),
    ]);
    expect(a.code, a.out).toBe(0);
    expect(b.code, b.out).toBe(0);
    const verify = openStore(
      store.databaseUrl.startsWith('postgres')
        ? { kind: 'postgres', url: store.databaseUrl }
        : { kind: 'sqlite', file: store.databaseUrl },
    );
    try {
      expect(await migrateToLatest(verify)).toEqual([]);
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        verify.db,
      );
      expect(Number(rows.rows[0]?.n)).toBe(Object.keys(migrations(verify.caps)).length);
    } finally {
      await verify.close();
    }
  });

  it('keeps one discussion item per article and normalised source', async () => {
    store = await dialect.open();
    await migrateToLatest(store);
    const repos = repositories(store.db);
    const user = await repos.users.insert(
      { email: 'a@example.org', name: 'A', slug: 'a', role: 'author', passwordHash: null },
      NOW,
    );
    if (!user) throw new Error('the user was not inserted');
    const article = await repos.articles.insert(
      {
        kind: 'article',
        standfirst: '',
        unpublishAt: null,
        linkbacksSend: true,
        slug: 's',
        title: 'T',
        bodySource: 'b',
        bodyHtml: trustStoredHtml('<p>b</p>'),
        excerpt: '',
        status: 'published',
        publishedAt: NOW,
        authorId: user.id,
        commentsOpen: false,
        commentsCloseAt: null,
        linkbacksOpen: true,
        linkbacksCloseAt: null,
        trackbackTo: [],
      },
      NOW,
    );
    const item = {
      articleId: article.id,
      kind: 'linkback' as const,
      protocol: 'pingback' as const,
      type: 'pingback' as const,
      status: 'pending' as const,
      parentId: null,
      authorName: 'Remote',
      authorUrl: null,
      authorEmail: null,
      authorIp: '127.0.0.1',
      authorUserAgent: null,
      sourceUrl: 'https://remote.example/post',
      sourceKey: '//remote.example/post',
      targetUrl: 'http://news.test/x',
      title: null,
      contentHtml: trustStoredHtml(''),
      contentSource: null,
      verification: 'pending' as const,
    };
    await repos.discussion.insert(item, NOW);
    await expect(repos.discussion.insert(item, NOW)).rejects.toThrow();
    // Items without a source (comments) are not constrained.
    await repos.discussion.insert({ ...item, kind: 'comment', sourceKey: null }, NOW);
    await repos.discussion.insert({ ...item, kind: 'comment', sourceKey: null }, NOW);
    expect((await repos.discussion.list({ articleId: article.id })).length).toBe(3);
  });

  it('records each moderation change with who, when, from and to', async () => {
    store = await dialect.open();
    await migrateToLatest(store);
    const repos = repositories(store.db);
    const user = await repos.users.insert(
      { email: 'm@example.org', name: 'M', slug: 'm', role: 'moderator', passwordHash: null },
      NOW,
    );
    if (!user) throw new Error('the user was not inserted');
    const article = await repos.articles.insert(
      {
        kind: 'article',
        standfirst: '',
        unpublishAt: null,
        linkbacksSend: true,
        slug: 'm',
        title: 'M',
        bodySource: '',
        bodyHtml: trustStoredHtml(''),
        excerpt: '',
        status: 'published',
        publishedAt: NOW,
        authorId: user.id,
        commentsOpen: true,
        commentsCloseAt: null,
        linkbacksOpen: true,
        linkbacksCloseAt: null,
        trackbackTo: ['https://tb.example/ping/1'],
      },
      NOW,
    );
    expect((await repos.articles.findById(article.id))?.trackbackTo).toEqual([
      'https://tb.example/ping/1',
    ]);
    const item = await repos.discussion.insert(
      {
        articleId: article.id,
        kind: 'comment',
        protocol: null,
        type: 'comment',
        status: 'pending',
        parentId: null,
        authorName: 'R',
        authorUrl: null,
        authorEmail: 'r@example.org',
        authorIp: null,
        authorUserAgent: null,
        sourceUrl: null,
        sourceKey: null,
        targetUrl: null,
        title: null,
        contentHtml: trustStoredHtml('<p>hi</p>'),
        contentSource: 'hi',
        verification: 'not-required',
      },
      NOW,
    );
    const approved = await repos.discussion.setStatus(item, 'approved', 'cli:ed', 'fine', NOW);
    await repos.discussion.setStatus(approved, 'spam', 'cli:ed', null, NOW);
    const history = await repos.discussion.moderationHistory(item.id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actor])).toEqual([
      ['pending', 'approved', 'cli:ed'],
      ['approved', 'spam', 'cli:ed'],
    ]);
    expect(await repos.discussion.listPublic(article.id)).toEqual([]);
  });
});
