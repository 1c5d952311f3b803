import { afterAll, beforeAll, expect, it } from 'vitest';
import { fediverseThread } from '../src/app/fediverse/thread.js';
import type {
  FediverseActorCard,
  FediverseReply,
  FediverseThread,
} from '../src/app/fediverse/thread-port.js';
import { EDGE_PURGE_TASK } from '../src/app/cache/purge.js';
import { articleKey } from '../src/domain/surrogate-keys.js';
import { FEDIVERSE_CONTENT_MAX } from '../src/domain/fediverse-actor.js';
import type { Article } from '../src/domain/article.js';
import { sanitizeVisitorHtml } from '../src/render/sanitize.js';
import { describeEachDialect } from './support/dialects.js';
import { commentFixture, type CommentFixture } from './support/comments-fixture.js';

const SITE = 'https://news.example';
let n = 0;
const actor = (over: Partial<FediverseActorCard> = {}): FediverseActorCard => ({
  id: 'https://social.example/users/ada',
  handle: '@ada@social.example',
  name: 'Ada',
  profileUrl: 'https://social.example/@ada',
  iconUrl: 'https://social.example/ada.png',
  ...over,
});
const reply = (inReplyTo: string, over: Partial<FediverseReply> = {}): FediverseReply => ({
  objectId: `https://social.example/users/ada/statuses/${++n}`,
  url: `https://social.example/@ada/${n}`,
  inReplyTo,
  actor: actor(),
  contentHtml: '<p>A fine piece.</p>',
  summary: null,
  publishedAt: new Date('2026-03-01T08:00:00Z'),
  updatedAt: null,
  ...over,
});

describeEachDialect('fediverse replies and reactions in the article thread', (dialect) => {
  let fx: CommentFixture;
  let thread: FediverseThread;
  const apId = (a: Article) => `${SITE}/ap/articles/${a.id}`;
  const purges = async (a: Article) =>
    (await fx.jobs.queue.list({ limit: 10_000 })).filter(
      (j) =>
        j.task === EDGE_PURGE_TASK &&
        ((j.payload as { keys: string[] }).keys ?? []).includes(articleKey(a.id)),
    ).length;

  beforeAll(async () => {
    fx = await commentFixture(dialect);
    thread = fediverseThread({ app: fx.deps, sanitize: sanitizeVisitorHtml });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('resolves our ActivityPub article ids and page URLs to the article, and nothing else', async () => {
    const a = await fx.article();
    expect(await thread.articleFor(apId(a))).toEqual({ articleId: a.id });
    const page = await fx.deps.repos.articles.findById(a.id);
    expect(page).toBeDefined();
    expect(await thread.articleFor(`${SITE}/ap/articles/999999`)).toBeNull();
    expect(await thread.articleFor('https://elsewhere.example/ap/articles/1')).toBeNull();
    expect(await thread.articleFor('javascript:alert(1)')).toBeNull();
    expect(await thread.articleFor('not a url')).toBeNull();
  });

  it('stores a reply to an article once, approved when no rule holds it, and purges its page', async () => {
    const a = await fx.article();
    const before = await purges(a);
    const r = reply(apId(a));
    const first = await thread.receiveReply(r);
    expect(first).toMatchObject({ kind: 'stored', status: 'approved' });
    const again = await thread.receiveReply(r);
    expect(again).toEqual(first);
    const items = await fx.deps.repos.discussion.list({ articleId: a.id });
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item?.kind).toBe('fediverse');
    expect(item?.authorName).toBe('Ada');
    expect(item?.authorUrl).toBe('https://social.example/@ada');
    expect(item?.authorPhoto).toBe('https://social.example/ada.png');
    expect(item?.fediverse).toEqual({
      objectId: r.objectId,
      actorId: 'https://social.example/users/ada',
      handle: '@ada@social.example',
    });
    expect(await purges(a)).toBe(before + 1);
    const shown = await fx.deps.repos.discussion.listPublic(a.id);
    expect(shown.map((i) => i.id)).toEqual([item?.id]);
  });

  it('sanitises hostile content: scripts, styles and iframes go, links get nofollow ugc', async () => {
    const a = await fx.article();
    const out = await thread.receiveReply(
      reply(apId(a), {
        contentHtml:
          '<p onclick="x()">Hi <a href="https://x.example/" rel="me">there</a><script>alert(1)</script><style>p{}</style><iframe src="https://evil.example/"></iframe><a href="javascript:alert(1)">js</a></p>',
      }),
    );
    if (out.kind !== 'stored') throw new Error(JSON.stringify(out));
    const item = await fx.deps.repos.discussion.findById(out.itemId);
    const html = item?.contentHtml ?? '';
    expect(html).not.toMatch(/script|style|iframe|onclick|javascript/i);
    expect(html).toContain('<a href="https://x.example/" rel="nofollow ugc">there</a>');
  });

  it('refuses content over the size cap, malformed ids and empty content, storing nothing', async () => {
    const a = await fx.article();
    const huge = await thread.receiveReply(
      reply(apId(a), { contentHtml: `<p>${'x'.repeat(FEDIVERSE_CONTENT_MAX)}</p>` }),
    );
    expect(huge).toMatchObject({ kind: 'ignored' });
    expect(huge.kind === 'ignored' && huge.reason).toContain(String(FEDIVERSE_CONTENT_MAX));
    for (const bad of [
      reply(apId(a), { objectId: 'javascript:alert(1)' }),
      reply(apId(a), { objectId: 'not a url' }),
      reply(apId(a), { actor: actor({ id: 'ftp://social.example/ada' }) }),
      reply(apId(a), { contentHtml: '<script>only()</script>' }),
      reply('https://elsewhere.example/post/1'),
      reply(`${SITE}/ap/articles/999999`),
    ]) {
      expect(await thread.receiveReply(bad)).toMatchObject({ kind: 'ignored' });
    }
    expect(await fx.deps.repos.discussion.list({ articleId: a.id })).toHaveLength(0);
  });

  it('cleans a handle with control characters and drops non-http icon and profile URLs', async () => {
    const a = await fx.article();
    const out = await thread.receiveReply(
      reply(apId(a), {
        actor: actor({
          id: 'https://social.example/users/mallory',
          handle: '@mal\u0007lo\u202Ery@social.example\n',
          name: 'Mal\u0000lory\u202E',
          profileUrl: 'javascript:alert(1)',
          iconUrl: 'data:image/png;base64,AAAA',
        }),
      }),
    );
    if (out.kind !== 'stored') throw new Error(JSON.stringify(out));
    const item = await fx.deps.repos.discussion.findById(out.itemId);
    expect(item?.fediverse?.handle).toBe('@mallory@social.example');
    expect(item?.authorName).toBe('Mallory');
    expect(item?.authorUrl).toBe('https://social.example/users/mallory');
    expect(item?.authorPhoto).toBeNull();
    const bare = await thread.receiveReply(
      reply(apId(a), {
        actor: actor({ id: 'https://social.example/users/eve', handle: 'no handle at all' }),
      }),
    );
    if (bare.kind !== 'stored') throw new Error(JSON.stringify(bare));
    expect((await fx.deps.repos.discussion.findById(bare.itemId))?.fediverse?.handle).toBe(
      '@eve@social.example',
    );
  });

  it('threads a reply to an item already in the thread under that item', async () => {
    const a = await fx.article();
    const top = reply(apId(a));
    const first = await thread.receiveReply(top);
    if (first.kind !== 'stored') throw new Error('not stored');
    const child = await thread.receiveReply(
      reply(top.objectId, {
        actor: actor({ id: 'https://other.example/users/bo', handle: '@bo@other.example' }),
      }),
    );
    if (child.kind !== 'stored') throw new Error(JSON.stringify(child));
    const item = await fx.deps.repos.discussion.findById(child.itemId);
    expect(item?.parentId).toBe(first.itemId);
    expect(item?.articleId).toBe(a.id);
  });

  it('is governed by the linkbacks switch by default and by the comments switch when set', async () => {
    const commentsClosed = await fx.article({ comments: false, linkbacks: true });
    const linkbacksClosed = await fx.article({ comments: true, linkbacks: false });
    expect(await thread.receiveReply(reply(apId(commentsClosed)))).toMatchObject({
      kind: 'stored',
    });
    const refused = await thread.receiveReply(reply(apId(linkbacksClosed)));
    expect(refused).toEqual({
      kind: 'ignored',
      reason: 'linkbacks are closed on this article (switched-off)',
    });
    await fx.settings({ fediverse: { repliesFollow: 'comments' } });
    try {
      expect(await thread.receiveReply(reply(apId(linkbacksClosed)))).toMatchObject({
        kind: 'stored',
      });
      expect(await thread.receiveReply(reply(apId(commentsClosed)))).toEqual({
        kind: 'ignored',
        reason: 'comments are closed on this article (switched-off)',
      });
    } finally {
      await fx.settings({ fediverse: { repliesFollow: 'linkbacks' } });
    }
  });

  it('closes with the linkbacks close-after-days rule', async () => {
    await fx.settings({ discussion: { closeLinkbacksAfterDays: 5 } });
    try {
      const old = await fx.article({ daysAgo: 10 });
      expect(await thread.receiveReply(reply(apId(old)))).toEqual({
        kind: 'ignored',
        reason: 'linkbacks are closed on this article (aged-out)',
      });
    } finally {
      await fx.settings({ discussion: { closeLinkbacksAfterDays: null } });
    }
  });

  it('applies the moderation rules: first-time authors held, block words spam, approve list approves', async () => {
    const a = await fx.article();
    await fx.settings({ comments: { holdFirstTimeAuthors: true } });
    try {
      const newcomer = actor({ id: 'https://new.example/users/cy', handle: '@cy@new.example' });
      const held = await thread.receiveReply(reply(apId(a), { actor: newcomer }));
      expect(held).toMatchObject({ kind: 'stored', status: 'pending' });
      expect(await fx.deps.repos.discussion.listPublic(a.id)).toHaveLength(0);
      await fx.settings({ linkbacks: { approveDomains: ['trusted.example'] } });
      const trusted = actor({
        id: 'https://trusted.example/users/di',
        handle: '@di@trusted.example',
      });
      expect(await thread.receiveReply(reply(apId(a), { actor: trusted }))).toMatchObject({
        status: 'approved',
      });
      await fx.settings({ comments: { blockWords: ['casino'] } });
      expect(
        await thread.receiveReply(
          reply(apId(a), { actor: trusted, contentHtml: '<p>Visit my Casino!</p>' }),
        ),
      ).toMatchObject({ status: 'spam' });
    } finally {
      await fx.settings({
        comments: { holdFirstTimeAuthors: false, blockWords: [] },
        linkbacks: { approveDomains: [] },
      });
    }
  });

  it('updates content re-sanitised while keeping its status, and ignores unknown ids and other actors', async () => {
    const a = await fx.article();
    const r = reply(apId(a));
    const stored = await thread.receiveReply(r);
    if (stored.kind !== 'stored') throw new Error('not stored');
    await fx.deps.repos.discussion.setStatus(
      (await fx.deps.repos.discussion.findById(stored.itemId))!,
      'pending',
      'test',
      null,
      fx.now(),
    );
    const up = await thread.updateReply({ ...r, contentHtml: '<p>Edited<script>x()</script></p>' });
    expect(up).toEqual({ kind: 'updated', itemId: stored.itemId });
    const item = await fx.deps.repos.discussion.findById(stored.itemId);
    expect(item?.contentHtml).toBe('<p>Edited</p>');
    expect(item?.status).toBe('pending');
    expect(
      await thread.updateReply({ ...r, objectId: 'https://social.example/unknown' }),
    ).toMatchObject({
      kind: 'ignored',
    });
    expect(
      await thread.updateReply({ ...r, actor: actor({ id: 'https://evil.example/users/x' }) }),
    ).toMatchObject({ kind: 'ignored' });
  });

  it('deletes a reply from public view, drops its content, and is idempotent', async () => {
    const a = await fx.article();
    const r = reply(apId(a));
    const stored = await thread.receiveReply(r);
    if (stored.kind !== 'stored') throw new Error('not stored');
    expect(await thread.deleteReply(r.objectId)).toEqual({
      kind: 'removed',
      itemId: stored.itemId,
    });
    expect(await thread.deleteReply(r.objectId)).toEqual({
      kind: 'removed',
      itemId: stored.itemId,
    });
    const item = await fx.deps.repos.discussion.findById(stored.itemId);
    expect(item?.status).toBe('deleted');
    expect(item?.contentHtml).toBe('');
    expect(await fx.deps.repos.discussion.listPublic(a.id)).toHaveLength(0);
    expect(await thread.deleteReply('https://social.example/never')).toMatchObject({
      kind: 'ignored',
    });
    expect(await thread.updateReply(r)).toMatchObject({ kind: 'ignored' });
    expect(await thread.receiveReply(r)).toMatchObject({ kind: 'stored', status: 'deleted' });
  });

  it('counts a like and an announce once per actor, and removes them by activity id and actor', async () => {
    const a = await fx.article();
    const like = {
      kind: 'like' as const,
      activityId: 'https://social.example/likes/1',
      objectId: apId(a),
      actor: actor(),
    };
    const stored = await thread.addReaction(like);
    expect(stored).toMatchObject({ kind: 'stored' });
    expect(await thread.addReaction(like)).toEqual(stored);
    await thread.addReaction({
      ...like,
      kind: 'announce',
      activityId: 'https://social.example/boosts/1',
    });
    await thread.addReaction({
      ...like,
      activityId: 'https://other.example/likes/9',
      actor: actor({
        id: 'https://other.example/users/bo',
        handle: '@bo@other.example',
        name: 'Bo',
      }),
    });
    const list = await fx.deps.repos.fediverse.reactionsFor(a.id);
    expect(list.map((r) => [r.kind, r.actor.handle])).toEqual([
      ['like', '@ada@social.example'],
      ['announce', '@ada@social.example'],
      ['like', '@bo@other.example'],
    ]);
    expect(
      await thread.removeReaction(like.activityId, 'https://other.example/users/bo'),
    ).toMatchObject({
      kind: 'ignored',
    });
    expect(await thread.removeReaction(like.activityId, like.actor.id)).toMatchObject({
      kind: 'removed',
    });
    expect(await thread.removeReaction(like.activityId, like.actor.id)).toEqual({
      kind: 'removed',
      itemId: null,
    });
    expect(await fx.deps.repos.fediverse.reactionsFor(a.id)).toHaveLength(2);
    expect(
      await thread.addReaction({
        ...like,
        activityId: 'https://social.example/likes/2',
        objectId: 'https://elsewhere.example/',
      }),
    ).toMatchObject({ kind: 'ignored' });
  });

  it('refuses blocked actors and instances, and isBlocked says so', async () => {
    const a = await fx.article();
    await fx.settings({
      fediverse: {
        blockActors: ['https://social.example/users/troll'],
        blockInstances: ['bad.example'],
      },
    });
    try {
      expect(await thread.isBlocked('https://social.example/users/troll')).toBe(true);
      expect(await thread.isBlocked('https://social.example/users/troll/')).toBe(true);
      expect(await thread.isBlocked('https://eu.bad.example/users/x')).toBe(true);
      expect(await thread.isBlocked('https://social.example/users/ada')).toBe(false);
      expect(await thread.isBlocked('https://notbad.example/users/x')).toBe(false);
      expect(await thread.isBlocked('garbage')).toBe(false);
      const troll = actor({ id: 'https://social.example/users/troll' });
      expect(await thread.receiveReply(reply(apId(a), { actor: troll }))).toMatchObject({
        kind: 'ignored',
      });
      expect(
        await thread.addReaction({
          kind: 'like',
          activityId: 'https://bad.example/likes/1',
          objectId: apId(a),
          actor: actor({ id: 'https://bad.example/users/x' }),
        }),
      ).toMatchObject({ kind: 'ignored' });
      expect(await fx.deps.repos.discussion.list({ articleId: a.id })).toHaveLength(0);
      expect(await fx.deps.repos.fediverse.reactionsFor(a.id)).toHaveLength(0);
    } finally {
      await fx.settings({ fediverse: { blockActors: [], blockInstances: [] } });
    }
  });
});
