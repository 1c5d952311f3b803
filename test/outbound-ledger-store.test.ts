/** The outbound linkback ledger in the store (migration 0011), on both dialects. */
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest } from '../src/store/migrate.js';
import { repositories } from '../src/store/repositories/index.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const LATER = new Date('2026-03-01T10:05:00Z');

describeEachDialect('outbound linkback ledger', (dialect) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  async function anArticleId(): Promise<{ repos: ReturnType<typeof repositories>; id: number }> {
    store = await dialect.open();
    await migrateToLatest(store);
    const repos = repositories(store.db);
    const user = await repos.users.insert(
      {
        email: 'a@example.org',
        name: 'A',
        slug: 'a',
        role: 'author',
        passwordHash: null,
        bio: '',
        url: null,
      },
      NOW,
    );
    const article = await repos.articles.insert(
      {
        kind: 'article',
        slug: 'story',
        title: 'Story',
        standfirst: '',
        bodySource: '',
        bodyHtml: trustStoredHtml('<p>x</p>'),
        excerpt: '',
        status: 'published',
        publishedAt: NOW,
        authorId: user!.id,
        trackbackTo: [],
        unpublishAt: null,
        linkbacksSend: true,
        commentsOpen: true,
        commentsCloseAt: null,
        linkbacksOpen: true,
        linkbacksCloseAt: null,
      },
      NOW,
    );
    return { repos, id: article.id };
  }

  it('H118 queues a target once per (article, target), a new round each time, and refuses a stale round’s write', async () => {
    const { repos, id } = await anArticleId();
    const ledger = repos.outboundLinkbacks;
    const entry = {
      targetUrl: 'https://b.example/p',
      kind: 'link' as const,
      linked: true,
      contentHash: 'h1',
    };
    const [first] = await ledger.queue(
      id,
      [entry, { ...entry, targetUrl: 'https://tb.example/ping', kind: 'trackback' }],
      NOW,
    );
    expect(first).toMatchObject({
      round: 1,
      status: 'queued',
      attempts: 0,
      protocol: null,
      linked: true,
    });
    expect(
      await ledger.recordEndpoint(
        first!.id,
        1,
        { protocol: 'webmention', endpoint: 'https://b.example/wm' },
        NOW,
      ),
    ).toBe(true);
    expect(
      await ledger.recordOutcome(
        first!.id,
        1,
        {
          status: 'sent',
          attempts: 1,
          httpStatus: 201,
          statusUrl: 'https://b.example/s/1',
          lastError: null,
          nextAttemptAt: null,
          sentAt: NOW,
        },
        NOW,
      ),
    ).toBe(true);
    const [again] = await ledger.queue(id, [{ ...entry, contentHash: 'h2', linked: false }], LATER);
    expect(again).toMatchObject({
      id: first!.id,
      round: 2,
      status: 'queued',
      attempts: 0,
      httpStatus: null,
      contentHash: 'h2',
      linked: false,
      // What discovery found last time and when it was sent stay until the next attempt.
      endpoint: 'https://b.example/wm',
      statusUrl: 'https://b.example/s/1',
      sentAt: NOW,
    });
    // A job of round 1 that finishes late changes nothing.
    expect(
      await ledger.recordOutcome(
        first!.id,
        1,
        { status: 'failed', attempts: 1, lastError: 'x', nextAttemptAt: null },
        LATER,
      ),
    ).toBe(false);
    expect(await ledger.recordEndpoint(first!.id, 1, null, LATER)).toBe(false);
    const rows = await ledger.forArticle(id);
    expect(rows.map((r) => [r.kind, r.targetUrl, r.status, r.protocol])).toEqual([
      ['link', 'https://b.example/p', 'queued', 'webmention'],
      ['trackback', 'https://tb.example/ping', 'queued', 'trackback'],
    ]);
    const requeued = await ledger.requeue([rows[1]!.id], LATER);
    expect(requeued.map((r) => r.round)).toEqual([2]);
    expect(await ledger.requeue([], LATER)).toEqual([]);
  });

  it('H118 keeps receivers’ error text short, and goes with its article', async () => {
    const { repos, id } = await anArticleId();
    const [row] = await repos.outboundLinkbacks.queue(
      id,
      [{ targetUrl: 'https://b.example/', kind: 'link', linked: true, contentHash: 'h' }],
      NOW,
    );
    await repos.outboundLinkbacks.recordOutcome(
      row!.id,
      row!.round,
      { status: 'failed', attempts: 1, lastError: 'x'.repeat(10_000), nextAttemptAt: null },
      NOW,
    );
    expect((await repos.outboundLinkbacks.find(row!.id))?.lastError).toHaveLength(500);
    await repos.articles.purge(id);
    expect(await repos.outboundLinkbacks.forArticle(id)).toEqual([]);
  });
});
