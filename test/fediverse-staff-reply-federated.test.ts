/**
 * A moderator's answer goes back to the fediverse only when it answers a fediverse reply: the
 * independent Fedify peer receives our signed Create(Note) with the right inReplyTo, the answer
 * shows in the article's thread on our page, and an answer to an ordinary comment sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@fedify/vocab';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { setAuthorActor } from '../src/app/fediverse/author-actors.js';
import { loadConfig } from '../src/config/config.js';
import type { Runtime } from '../src/main/runtime.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import type { FediPeer } from './support/fedi-peer.js';
import { startFederatedSite, type FederatedSite } from './support/fedi-site.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { until } from './support/wait.js';
import { discussionCommand } from '../src/cli/commands/discussion.js';
import { UsageError } from '../src/cli/command.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';

describe('staff answers federated back to the fediverse reply they answer', () => {
  let fedi: FederatedSite;
  let rt: Runtime;
  let peer: FediPeer;
  let site: Actor;
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fedi = await startFederatedSite();
    ({ rt, peer, site, base, env } = fedi);
  }, 30_000);

  afterAll(async () => {
    await fedi?.close();
  });

  const notesReceived = () =>
    peer.received.filter(
      (r) => r.type === 'Create' && (r.json['object'] as { type?: string })?.['type'] === 'Note',
    );

  it('sends a signed Create(Note) in reply to the remote object when a moderator answers from the admin, and shows the answer on the page', async () => {
    const author = await anAuthor(rt.deps);
    const { article } = await anArticle(rt.deps, author, {
      title: 'Ferry strike',
      linkbacks: true,
    });
    const objectId = `${base}/ap/articles/${article.id}`;
    const noteId = await peer.reply(site, objectId, '<p>When does it end?</p>');
    const held = await until('the stored reply', async () => {
      const [item] = await rt.deps.repos.discussion.list({
        articleId: article.id,
        kind: 'fediverse',
      });
      return item;
    });
    expect(
      (await moderateItem(rt.deps, { itemId: held.id, to: 'approved', actor: 'test' })).ok,
    ).toBe(true);

    const mod = await aUser(rt.deps, 'moderator', 'Mo Derator');
    const browser = new AdminClient(base);
    expect((await browser.signIn(mod.email, PASSWORD)).status).toBe(303);
    const queue = await (await browser.get('/admin/moderation?status=approved')).text();
    expect(queue).toContain(`action="/admin/moderation/reply"`);
    expect(queue).toContain(`form="reply-${held.id}"`);
    const csrf = await browser.csrfFrom('/admin/moderation?status=approved');
    const posted = await browser.post('/admin/moderation/reply', {
      _csrf: csrf,
      item: String(held.id),
      body: 'Talks resume *on Monday*.',
      status: 'approved',
      kind: 'all',
    });
    expect(posted.status).toBe(303);
    const replyId = Number(/replied=(\d+)/.exec(posted.headers.get('location') ?? '')?.[1]);
    expect(replyId).toBeGreaterThan(0);

    const create = await until('the Create(Note)', () => notesReceived()[0]);
    const note = create.json['object'] as Record<string, unknown>;
    const replyObjectId = `${base}/ap/replies/${replyId}`;
    expect(create.json['actor']).toBe(`${base}/ap/actors/site`);
    expect(note['id']).toBe(replyObjectId);
    expect(note['inReplyTo']).toBe(noteId);
    expect(note['attributedTo']).toBe(`${base}/ap/actors/site`);
    expect(String(note['content'])).toContain('<em>on Monday</em>');
    expect(String(note['content'])).toContain('class="u-url mention"');
    expect(note['to']).toBe(peer.aliceId);
    expect(JSON.stringify(note['cc'])).toContain('as:Public');
    expect(JSON.stringify(note['tag'])).toContain(peer.aliceId);
    expect(String(note['url'])).toMatch(new RegExp(`#comment-${replyId}$`));

    // The object id is JSON only, and says the same.
    const served = await fetch(replyObjectId, { headers: { accept: 'application/activity+json' } });
    expect(served.headers.get('content-type')).toContain('application/activity+json');
    expect(((await served.json()) as { inReplyTo: string }).inReplyTo).toBe(noteId);

    // The answer is in the article's thread, under the fediverse reply.
    const page = await (await fetch(String(note['url']).replace(/#.*$/, ''))).text();
    expect(page).toContain('When does it end?');
    expect(page).toContain('Talks resume <em>on Monday</em>.');
    expect(page).toContain(`id="comment-${replyId}"`);

    // The peer's answer to our answer joins the thread under it.
    await peer.reply(site, replyObjectId, '<p>Thanks!</p>');
    const threaded = await until('the answer to our answer', async () =>
      (await rt.deps.repos.discussion.list({ articleId: article.id, kind: 'fediverse' })).find(
        (i) => i.parentId === replyId,
      ),
    );
    expect(threaded.contentHtml).toContain('Thanks!');
  }, 60_000);

  it('speaks as the staff member’s author actor when they opted in, from the CLI', async () => {
    const ada = await anAuthor(rt.deps, 'Bea Writer');
    expect((await setAuthorActor(rt.deps, ada.slug, true)).ok).toBe(true);
    const { article } = await anArticle(rt.deps, ada, { title: 'Tram works', linkbacks: true });
    const noteId = await peer.reply(site, `${base}/ap/articles/${article.id}`, '<p>Finally</p>');
    const held = await until('the stored reply', async () => {
      const [item] = await rt.deps.repos.discussion.list({
        articleId: article.id,
        kind: 'fediverse',
      });
      return item;
    });
    await moderateItem(rt.deps, { itemId: held.id, to: 'approved', actor: 'test' });
    const before = notesReceived().length;
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await discussionCommand.run(
        args.slice(1),
        { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
        () => loadConfig(env),
      );
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    };
    const r = await cli([
      'discussion',
      'reply',
      String(held.id),
      '--as',
      ada.email,
      '--body',
      'Yes!',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const create = await until('the author’s Create(Note)', () => notesReceived()[before]);
    expect(create.json['actor']).toBe(`${base}/ap/actors/${ada.slug}`);
    expect((create.json['object'] as { inReplyTo: string }).inReplyTo).toBe(noteId);
    const bad = await cli([
      'discussion',
      'reply',
      String(held.id),
      '--as',
      ada.email,
      '--body',
      ' ',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('a reply needs 1 to');
    const stranger = await cli([
      'discussion',
      'reply',
      String(held.id),
      '--as',
      'no@one.example',
      '--body',
      'Hi',
    ]);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toContain('no user with email');
    for (const args of [
      ['discussion', 'reply', 'abc', '--as', ada.email, '--body', 'x'],
      ['discussion', 'reply', String(held.id), '--body', 'x'],
      ['discussion', 'reply', String(held.id), '--as', ada.email],
    ]) {
      await expect(cli(args), args.join(' ')).rejects.toBeInstanceOf(UsageError);
    }
  }, 60_000);

  it('sends nothing when the answer is to an ordinary comment, and serves no Note for it', async () => {
    const author = await anAuthor(rt.deps, 'Cy Writer');
    const { article } = await anArticle(rt.deps, author, { title: 'Quiet day' });
    const comment = await rt.deps.repos.discussion.insert(
      {
        articleId: article.id,
        kind: 'comment',
        protocol: null,
        type: 'comment',
        status: 'pending',
        parentId: null,
        authorName: 'Reader',
        authorUrl: null,
        authorEmail: 'reader@example.org',
        authorIp: null,
        authorUserAgent: null,
        sourceUrl: null,
        sourceKey: null,
        targetUrl: null,
        title: null,
        contentHtml: trustStoredHtml('<p>Hm</p>'),
        contentSource: 'Hm',
        verification: 'not-required',
      },
      new Date(),
    );
    await moderateItem(rt.deps, { itemId: comment.id, to: 'approved', actor: 'test' });
    const before = notesReceived().length;
    const mod = await aUser(rt.deps, 'moderator');
    const browser = new AdminClient(base);
    await browser.signIn(mod.email, PASSWORD);
    const csrf = await browser.csrfFrom('/admin/moderation?status=approved');
    const posted = await browser.post('/admin/moderation/reply', {
      _csrf: csrf,
      item: String(comment.id),
      body: 'Thanks for reading.',
    });
    expect(posted.status).toBe(303);
    const replyId = Number(/replied=(\d+)/.exec(posted.headers.get('location') ?? '')?.[1]);
    const jobs = await rt.jobs.queue.list({ limit: 1000 });
    expect(jobs.some((j) => j.task === 'fediverse.staff-reply' && j.status !== 'done')).toBe(false);
    const none = await fetch(`${base}/ap/replies/${replyId}`, {
      headers: { accept: 'application/activity+json' },
    });
    expect(none.status).toBe(404);
    await new Promise((r) => setTimeout(r, 1500));
    expect(notesReceived()).toHaveLength(before);

    // Bad input: no item, a hostile id, an empty text, a missing item: clear refusals, no rows.
    const count = (await rt.deps.repos.discussion.list({ articleId: article.id })).length;
    for (const [fields, status] of [
      [{ item: '' }, 400],
      [{ item: '1 or 1=1', body: 'x' }, 400],
      [{ item: String(comment.id), body: '' }, 400],
      [{ item: '999999', body: 'x' }, 404],
    ] as const) {
      const res = await browser.post('/admin/moderation/reply', { _csrf: csrf, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(status);
    }
    expect(await rt.deps.repos.discussion.list({ articleId: article.id })).toHaveLength(count);
  }, 30_000);
});
