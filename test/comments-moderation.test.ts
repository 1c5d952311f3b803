import { afterAll, beforeAll, expect, it } from 'vitest';
import { postComment } from '../src/app/comments/post-comment.js';
import type { SpamChecker } from '../src/app/comments/spam-checker.js';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import type { Mailer, MailMessage } from '../src/app/notifications/ports.js';
import { SEND_NOTIFICATION_TASK } from '../src/app/notifications/queue-notification.js';
import { sendNotification } from '../src/app/notifications/send-notification.js';
import { addUser } from '../src/app/users/add-user.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect } from './support/dialects.js';
import { commentFixture, reader, type CommentFixture } from './support/comments-fixture.js';

describeEachDialect('comment moderation rules and states', (dialect) => {
  let fx: CommentFixture;
  const RULES_OFF = {
    holdAll: false,
    holdFirstTimeAuthors: false,
    holdWhenLinksExceed: 2,
    moderationWords: [],
    blockWords: [],
    blockEmails: [],
    blockIps: [],
    blockDomains: [],
  };
  const withRules = (rules: Record<string, unknown>) =>
    fx.settings({ comments: { ...RULES_OFF, ...rules } });

  beforeAll(async () => {
    fx = await commentFixture(dialect);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('approves a comment no rule catches, renders it safely and records the rules as actor', async () => {
    await withRules({});
    const article = await fx.article();
    const r = await fx.post(
      article,
      reader({ text: 'Hello *world* <script>x()</script> https://a.example/' }),
    );
    if (!r.ok) throw new Error(r.error.failure.message);
    expect(r.value.item.status).toBe('approved');
    expect(r.value.item.contentHtml).toContain('<em>world</em>');
    expect(r.value.item.contentHtml).not.toContain('<script');
    expect(r.value.item.contentHtml).toContain('rel="nofollow ugc"');
    expect(r.value.page).toBe(1);
    const history = await fx.deps.repos.discussion.moderationHistory(r.value.item.id);
    expect(history.map((h) => [h.actor, h.fromStatus, h.toStatus])).toEqual([
      ['rules', 'pending', 'approved'],
    ]);
  });

  it('holds every comment when hold-all is on and tells every moderator through the outbox, with a job each', async () => {
    await withRules({
      holdAll: true,
      moderatorEmails: ['Editor@News.example', 'desk@news.example'],
    });
    await addUser(fx.deps, { email: 'mod@news.example', name: 'Mod', role: 'moderator' });
    await addUser(fx.deps, { email: 'boss@news.example', name: 'Boss', role: 'owner' });
    const article = await fx.article();
    const before = (await fx.deps.repos.outbox.list(1000)).length;
    const r = await fx.post(article, reader({ text: 'Held, please.' }));
    if (!r.ok) throw new Error(r.error.failure.message);
    expect(r.value.item.status).toBe('pending');
    expect(r.value.page).toBeNull();
    const outbox = (await fx.deps.repos.outbox.list(1000)).slice(before);
    expect(outbox.map((m) => m.recipient).sort()).toEqual([
      'boss@news.example',
      'desk@news.example',
      'editor@news.example',
      'mod@news.example',
    ]);
    expect(outbox[0]?.body).toContain(`newsdesk discussion approve ${r.value.item.id}`);
    expect(outbox[0]?.body).toContain('every comment is held');
    const jobs = (await fx.jobs.queue.list({ limit: 1000 })).filter(
      (j) => j.task === SEND_NOTIFICATION_TASK,
    );
    const ids = jobs.map((j) => (j.payload as { outboxId: number }).outboxId);
    for (const m of outbox) expect(ids).toContain(m.id);
    expect(await fx.deps.repos.discussion.listPublic(article.id)).toEqual([]);
  });

  it('sends an outbox message once, and a repeat of the job does not send it again', async () => {
    const [message] = await fx.deps.repos.outbox.list(1);
    if (!message) throw new Error('no outbox message');
    const sent: MailMessage[] = [];
    const mailer: Mailer = { send: async (m) => void sent.push(m) };
    const deps = { repos: fx.deps.repos, mailer, clock: fx.now, logger: fx.deps.logger };
    await sendNotification(deps, { outboxId: message.id });
    await sendNotification(deps, { outboxId: message.id });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(message.recipient);
    expect((await fx.deps.repos.outbox.findById(message.id))?.status).toBe('sent');
    const failing: Mailer = { send: async () => Promise.reject(new Error('smtp down')) };
    const [, second] = await fx.deps.repos.outbox.list(2);
    await expect(
      sendNotification({ ...deps, mailer: failing }, { outboxId: second!.id }),
    ).rejects.toThrow('smtp down');
    expect((await fx.deps.repos.outbox.findById(second!.id))?.lastError).toBe('smtp down');
  });

  it('holds a first-time author, then approves them once a moderator approved their first comment', async () => {
    await withRules({ holdFirstTimeAuthors: true, moderatorEmails: [] });
    const article = await fx.article();
    const first = await fx.post(article, reader({ email: 'new@example.org', text: 'My first.' }));
    if (!first.ok) throw new Error(first.error.failure.message);
    expect(first.value.item.status).toBe('pending');
    const approved = await moderateItem(fx.deps, {
      itemId: first.value.item.id,
      to: 'approved',
      actor: 'cli:ed',
    });
    expect(approved.ok).toBe(true);
    const second = await fx.post(article, reader({ email: 'new@example.org', text: 'My second.' }));
    if (!second.ok) throw new Error(second.error.failure.message);
    expect(second.value.item.status).toBe('approved');
  });

  it('holds a comment with more than N links and approves one with exactly N', async () => {
    await withRules({ holdWhenLinksExceed: 2 });
    const article = await fx.article();
    const two = await fx.post(
      article,
      reader({ text: 'See https://a.example/ and [b](https://b.example/)' }),
    );
    const three = await fx.post(
      article,
      reader({ text: 'See https://a.example/ and https://b.example/ and https://c.example/' }),
    );
    if (!two.ok || !three.ok) throw new Error('post failed');
    expect(two.value.item.status).toBe('approved');
    expect(three.value.item.status).toBe('pending');
  });

  it('holds on a moderation word', async () => {
    await withRules({ moderationWords: ['lawyer'] });
    const article = await fx.article();
    const r = await fx.post(article, reader({ text: 'My Lawyer will call.' }));
    if (!r.ok) throw new Error(r.error.failure.message);
    expect(r.value.item.status).toBe('pending');
  });

  it.each([
    ['a blocklisted word', { blockWords: ['casino'] }, { text: 'Casino bonus' }, '198.51.100.7'],
    [
      'a blocklisted email',
      { blockEmails: ['bot@spam.example'] },
      { email: 'bot@spam.example' },
      '198.51.100.7',
    ],
    ['a blocklisted IP', { blockIps: ['203.0.113.*'] }, {}, '203.0.113.9'],
    [
      'a blocklisted domain',
      { blockDomains: ['spam.example'] },
      { text: 'go https://x.spam.example/' },
      '198.51.100.7',
    ],
  ])('marks spam on %s, stored for review but never shown', async (_label, rules, fields, ip) => {
    await withRules(rules);
    const article = await fx.article();
    const r = await fx.post(article, reader(fields), { ip });
    if (!r.ok) throw new Error(r.error.failure.message);
    expect(r.value.item.status).toBe('spam');
    expect((await fx.deps.repos.discussion.findById(r.value.item.id))?.status).toBe('spam');
    expect(await fx.deps.repos.discussion.listPublic(article.id)).toEqual([]);
    const [event] = await fx.deps.repos.discussion.moderationHistory(r.value.item.id);
    expect(event?.actor).toBe('rules');
    expect(event?.reason).toMatch(/blocklisted/);
  });

  it('marks spam when the optional spam service says so', async () => {
    await withRules({});
    const seen: string[] = [];
    const checker: SpamChecker = {
      check: async (input) => {
        seen.push(input.content);
        return input.content.includes('buy') ? 'spam' : 'unknown';
      },
    };
    const article = await fx.article();
    const deps = fx.commentDeps(checker);
    const spam = await fx.post(article, reader({ text: 'buy now' }), { deps });
    const fine = await fx.post(article, reader({ text: 'fine words' }), { deps });
    if (!spam.ok || !fine.ok) throw new Error('post failed');
    expect([spam.value.item.status, fine.value.item.status]).toEqual(['spam', 'approved']);
    expect((await fx.deps.repos.discussion.moderationHistory(spam.value.item.id))[0]?.actor).toBe(
      'spam-checker',
    );
    expect(seen).toEqual(['buy now', 'fine words']);
  });

  it('moves an item through pending, approved, spam and trash, recording who, when, from and to', async () => {
    await withRules({ holdAll: true });
    const article = await fx.article();
    const r = await fx.post(article, reader({ text: 'Moderate me.' }));
    if (!r.ok) throw new Error(r.error.failure.message);
    const id = r.value.item.id;
    const steps = [
      ['approved', 'cli:ana', 'looks fine'],
      ['spam', 'cli:bo', null],
      ['trash', 'user:3', 'cleanup'],
      ['pending', 'cli:ana', null],
    ] as const;
    for (const [to, actor, reason] of steps) {
      fx.advance(1000);
      const out = await moderateItem(fx.deps, { itemId: id, to, actor, reason });
      if (!out.ok) throw new Error(out.error.message);
      expect(out.value.changed).toBe(true);
      expect(out.value.item.status).toBe(to);
    }
    const history = await fx.deps.repos.discussion.moderationHistory(id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actor, h.reason])).toEqual([
      ['pending', 'approved', 'cli:ana', 'looks fine'],
      ['approved', 'spam', 'cli:bo', null],
      ['spam', 'trash', 'user:3', 'cleanup'],
      ['trash', 'pending', 'cli:ana', null],
    ]);
    expect(new Set(history.map((h) => h.createdAt.toISOString())).size).toBe(4);
    const same = await moderateItem(fx.deps, { itemId: id, to: 'pending', actor: 'cli:ana' });
    expect(same.ok && same.value.changed).toBe(false);
    expect(await fx.deps.repos.discussion.moderationHistory(id)).toHaveLength(4);
    const missing = await moderateItem(fx.deps, { itemId: 999_999, to: 'spam', actor: 'cli:ana' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('moderates a linkback with the same use case', async () => {
    const article = await fx.article();
    const linkback = await fx.deps.repos.discussion.insert(
      {
        articleId: article.id,
        kind: 'linkback',
        protocol: 'webmention',
        type: 'mention',
        status: 'pending',
        parentId: null,
        authorName: 'Other site',
        authorUrl: null,
        authorEmail: null,
        authorIp: null,
        authorUserAgent: null,
        sourceUrl: 'https://other.example/post',
        sourceKey: 'https://other.example/post',
        targetUrl: null,
        title: null,
        contentHtml: trustStoredHtml(''),
        contentSource: null,
        verification: 'verified',
      },
      fx.now(),
    );
    const out = await moderateItem(fx.deps, {
      itemId: linkback.id,
      to: 'approved',
      actor: 'cli:ana',
    });
    expect(out.ok && out.value.item.status).toBe('approved');
    expect((await fx.deps.repos.discussion.listPublic(article.id)).map((i) => i.id)).toEqual([
      linkback.id,
    ]);
  });

  it('hands back the article page with a refusal, so the form is shown again without another lookup', async () => {
    await withRules({});
    const article = await fx.article();
    const r = await fx.post(article, reader({ email: 'not an address' }));
    expect(!r.ok && r.error.failure.code).toBe('invalid_input');
    const page = !r.ok ? r.error.page : undefined;
    expect(page?.model.article.id).toBe(article.id);
    expect(page?.model.discussion.state.comments.open).toBe(true);
    expect(page?.settings.comments.maxLength).toBeGreaterThan(0);
    const gone = await fx.post({ ...article, id: 999_999 }, reader());
    expect(!gone.ok && gone.error).toEqual({
      failure: expect.objectContaining({ code: 'not_found' }),
    });
  });

  it('refuses comments on an article switched off, with no row written; linkbacks stay open', async () => {
    await withRules({});
    const article = await fx.article({ comments: false, linkbacks: true });
    const r = await fx.post(article, reader({ text: 'Closed?' }));
    expect(!r.ok && r.error.failure.code).toBe('comments_closed');
    expect(await fx.deps.repos.discussion.list({ articleId: article.id })).toEqual([]);
  });

  it('refuses comments once the article aged past close-after-days', async () => {
    await fx.settings({ discussion: { closeCommentsAfterDays: 14 } });
    try {
      const young = await fx.article({ daysAgo: 13 });
      const old = await fx.article({ daysAgo: 15 });
      const ok = await fx.post(young, reader({ text: 'young' }));
      const closed = await fx.post(old, reader({ text: 'old' }));
      expect(ok.ok).toBe(true);
      expect(!closed.ok && closed.error.failure.code).toBe('comments_closed');
      expect(await fx.deps.repos.discussion.list({ articleId: old.id })).toEqual([]);
    } finally {
      await fx.settings({ discussion: { closeCommentsAfterDays: null } });
    }
  });

  it('refuses the same text from the same email or name on the same article', async () => {
    await withRules({});
    const article = await fx.article();
    const other = await fx.article();
    expect((await fx.post(article, reader({ text: 'Same words.' }))).ok).toBe(true);
    const byEmail = await fx.post(article, reader({ name: 'Someone Else', text: 'Same words.' }));
    const byName = await fx.post(
      article,
      reader({ email: 'other@example.org', text: 'Same words.' }),
    );
    expect(!byEmail.ok && byEmail.error.failure.code).toBe('conflict');
    expect(!byName.ok && byName.error.failure.code).toBe('conflict');
    expect((await fx.post(other, reader({ text: 'Same words.' }))).ok).toBe(true);
    expect(await fx.deps.repos.discussion.list({ articleId: article.id })).toHaveLength(1);
  });

  it('refuses a form filled too fast, an expired or forged token, a token for another article and a filled honeypot', async () => {
    await withRules({});
    const article = await fx.article();
    const other = await fx.article();
    const fast = await fx.post(article, reader({ text: 'fast' }), { wait: 1000 });
    expect(!fast.ok && fast.error.failure.message).toMatch(/quick/);
    const old = await fx.post(article, reader({ text: 'old' }), { wait: 25 * 3600_000 });
    expect(!old.ok && old.error.failure.message).toMatch(/expired/);
    // The HMAC secret was generated once and lives in the settings table.
    expect(await fx.deps.repos.settings.get('comment-form-secret')).toMatch(/^[\w-]{43}$/);
    const otherToken = await fx.commentDeps().tokens.issue(other.id, fx.now());
    fx.advance(5000);
    const forged = await postComment(fx.commentDeps(), {
      articleId: article.id,
      fields: { ...reader({ text: 'forged' }), token: otherToken },
      ip: '198.51.100.7',
      userAgent: null,
      referrer: null,
    });
    expect(!forged.ok && forged.error.failure.message).toMatch(/verify/);
    const tampered = await postComment(fx.commentDeps(), {
      articleId: article.id,
      fields: {
        ...reader({ text: 'tampered' }),
        token: otherToken.replace(/^\d+/, String(article.id)),
      },
      ip: '198.51.100.7',
      userAgent: null,
      referrer: null,
    });
    expect(!tampered.ok && tampered.error.failure.message).toMatch(/verify/);
    const bot = await fx.post(article, reader({ text: 'bot', homepage: 'http://bot.example' }));
    expect(!bot.ok && bot.error.failure.code).toBe('invalid_input');
    expect(await fx.deps.repos.discussion.list({ articleId: article.id })).toEqual([]);
  });

  it('reports each invalid field with its own message and enforces the length limits', async () => {
    await withRules({});
    await fx.settings({ comments: { maxLength: 100 } });
    const article = await fx.article();
    const r = await fx.post(article, {
      name: 'n'.repeat(101),
      email: 'not-an-email',
      url: 'javascript:alert(1)',
      text: 'x'.repeat(101),
    });
    expect(!r.ok && r.error.failure.fields).toEqual({
      name: expect.stringMatching(/100/),
      email: expect.stringMatching(/valid email/),
      url: expect.stringMatching(/http/),
      text: expect.stringMatching(/100/),
    });
    const empty = await fx.post(article, { name: ' ', email: '', text: '  ' });
    expect(!empty.ok && Object.keys(empty.error.failure.fields ?? {}).sort()).toEqual([
      'email',
      'name',
      'text',
    ]);
    await fx.settings({ comments: { maxLength: 10_000 } });
  });

  it('threads replies to approved comments of the same article only', async () => {
    await withRules({});
    const article = await fx.article();
    const other = await fx.article();
    const root = await fx.post(article, reader({ text: 'root' }));
    if (!root.ok) throw new Error(root.error.failure.message);
    const reply = await fx.post(
      article,
      reader({ text: 'reply', parent: String(root.value.item.id) }),
    );
    expect(reply.ok && reply.value.item.parentId).toBe(root.value.item.id);
    const elsewhere = await fx.post(
      other,
      reader({ text: 'x', parent: String(root.value.item.id) }),
    );
    expect(!elsewhere.ok && elsewhere.error.failure.fields?.parent).toBeTruthy();
  });

  it('rate-limits per IP and per article with a Retry-After in seconds', async () => {
    await withRules({});
    await fx.settings({ comments: { perIpLimit: 2, perArticleLimit: 3, rateWindowSeconds: 60 } });
    try {
      const a = await fx.article();
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push(
          await fx.post(a, reader({ text: `ip ${i}` }), { ip: '192.0.2.1', wait: 5000 }),
        );
      expect(results.map((r) => r.ok)).toEqual([true, true, false]);
      const limited = results[2]!;
      expect(!limited.ok && limited.error.failure.code).toBe('rate_limited');
      expect(!limited.ok && limited.error.failure.retryAfterSeconds).toBe(50);
      // Another IP still gets through until the article's own limit is reached.
      expect((await fx.post(a, reader({ text: 'ip b' }), { ip: '192.0.2.2' })).ok).toBe(true);
      const articleLimited = await fx.post(a, reader({ text: 'ip c' }), { ip: '192.0.2.3' });
      expect(!articleLimited.ok && articleLimited.error.failure.code).toBe('rate_limited');
      fx.advance(61_000);
      expect((await fx.post(a, reader({ text: 'later' }), { ip: '192.0.2.1' })).ok).toBe(true);
    } finally {
      await fx.settings({ comments: { perIpLimit: 1000, perArticleLimit: 1000 } });
    }
  });
});
