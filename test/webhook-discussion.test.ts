/**
 * The discussion events a posted comment raises, as webhooks: a comment the rules hold is
 * `discussion.received` then `discussion.held`; one they let through is `received` then
 * `approved`. Posted through the real use case (a form token, the fill-time wait).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { slidingWindowLimiter } from '../src/adapters/sliding-window-limiter.js';
import { formTokens } from '../src/app/comments/form-token.js';
import { postComment } from '../src/app/comments/post-comment.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import { addWebhook } from '../src/app/webhooks/manage.js';
import { normalizeSourceUrl } from '../src/linkback/normalize-source.js';
import { testDialects, type TestDialect } from './support/dialects.js';
import { anArticle } from './support/fixtures.js';
import {
  plainPage,
  seedArticles,
  startLinkbackSite,
  startSources,
  type LinkbackSite,
  type SourceSite,
} from './support/linkback-harness.js';
import { startLoopbackServer, type LoopbackServer } from './support/net-kit.js';
import { startHookDesk, type HookDesk } from './support/webhook-kit.js';

const sqlite = testDialects()[0] as TestDialect; // SQLite is always available

describe('webhooks: discussion events of a posted comment', () => {
  let desk: HookDesk;
  let server: LoopbackServer;
  afterEach(async () => {
    await desk?.close();
    await server?.close();
  });

  async function post(hold: boolean): Promise<string[]> {
    desk = await startHookDesk(sqlite);
    server = await startLoopbackServer((_req, res) => res.end());
    const made = await addWebhook(
      desk.rt.deps,
      {
        url: `${server.origin}/in`,
        events: ['discussion.received', 'discussion.held', 'discussion.approved'],
      },
      'test',
    );
    expect(made.ok).toBe(true);
    await updateSiteSettings(desk.rt.deps.repos.settings, {
      comments: { holdFirstTimeAuthors: hold, perIpLimit: 1000, perArticleLimit: 1000 },
    });
    const { article } = await anArticle(desk.rt.deps, desk.author, { comments: true });
    const tokens = formTokens(desk.rt.deps.repos.settings);
    const token = await tokens.issue(article.id, desk.time.clock());
    desk.time.advance(10_000);
    const posted = await postComment(
      {
        app: desk.rt.deps,
        limiter: slidingWindowLimiter({ now: () => desk.time.clock().getTime() }),
        tokens,
        spamChecker: null,
        siteTitle: 'The Test Gazette',
      },
      {
        articleId: article.id,
        fields: {
          token,
          name: 'Ada Reader',
          email: 'ada@example.org',
          url: '',
          text: 'A thoughtful remark.',
        },
        ip: '198.51.100.7',
        userAgent: 'test',
        referrer: null,
      },
    );
    expect(posted.ok).toBe(true);
    await desk.settle();
    const bodies = server.seen.map(
      (r) => JSON.parse(r.body) as { event: string; createdAt: string },
    );
    expect(JSON.stringify(bodies)).not.toContain('ada@example.org');
    expect(JSON.stringify(bodies)).not.toContain('198.51.100.7');
    // Delivered in any order by the concurrent worker: sort by the delivery rows' order.
    const rows = await desk.rt.deps.repos.webhooks.listDeliveries({ limit: 10 });
    return rows.map((d) => d.event).reverse();
  }

  it('a held comment raises received then held', async () => {
    expect(await post(true)).toEqual(['discussion.received', 'discussion.held']);
    expect(server.seen).toHaveLength(2);
  });

  it('a comment the rules let through raises received then approved', async () => {
    expect(await post(false)).toEqual(['discussion.received', 'discussion.approved']);
    expect(server.seen).toHaveLength(2);
  });
});

describe('webhooks: discussion events of a verified webmention', () => {
  let site: LinkbackSite;
  let sources: SourceSite;
  let receiver: LoopbackServer;
  afterEach(async () => {
    await site?.close();
    await sources?.close();
    await receiver?.close();
  });

  it('a webmention is received, then approved once its source is verified', async () => {
    site = await startLinkbackSite(sqlite);
    sources = await startSources();
    receiver = await startLoopbackServer((_req, res) => res.end());
    const made = await addWebhook(
      site.rt.deps,
      { url: `${receiver.origin}/in`, events: ['discussion.received', 'discussion.approved'] },
      'test',
    );
    expect(made.ok).toBe(true);
    const { open } = await seedArticles(site, {
      open: { title: 'Open story', comments: true, linkbacks: true },
    });
    // The approve list lets the source's host through; it shows once verified.
    await updateSiteSettings(site.rt.deps.repos.settings, {
      linkbacks: { approveDomains: ['127.0.0.1'] },
    });
    const source = sources.set('/post', { body: plainPage(open.url) });
    expect((await site.postForm('/webmention', { source, target: open.url })).status).toBe(201);
    const events = async () =>
      (await site.rt.deps.repos.webhooks.listDeliveries({ limit: 10 })).map((d) => d.event);
    expect(await events()).toEqual(['discussion.received']);
    const stored = await site.rt.deps.repos.discussion.findLinkbackBySource(
      open.id,
      normalizeSourceUrl(source),
    );
    await site.verify(stored?.item.id ?? 0);
    expect((await events()).reverse()).toEqual(['discussion.received', 'discussion.approved']);
    // Verified again with nothing changed: no second approval.
    await site.verify(stored?.item.id ?? 0);
    expect(await events()).toHaveLength(2);
  });
});
