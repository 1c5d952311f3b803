/**
 * A staff answer already sent to the fediverse follows its later changes: edited, the independent
 * Fedify peer receives an Update(Note) with the new text; taken off the page (trashed from the
 * admin's moderation screen, or moved back to pending or to spam), a Delete of its object; shown
 * again, a Create. Answers to ordinary comments still send nothing, and the edit refuses what is
 * not a staff answer or not the editor's to change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@fedify/vocab';
import { createApiToken } from '../src/app/api-tokens/api-tokens.js';
import { replyAsStaff } from '../src/app/discussion/staff-reply.js';
import { editStaffReply } from '../src/app/moderation/edit-staff-reply.js';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { moderateMany } from '../src/app/moderation/moderate-many.js';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import type { DiscussionItem } from '../src/domain/discussion-item.js';
import type { Author } from '../src/domain/article.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { staffReplySubscribers } from '../src/main/fediverse.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../src/main/server.js';
import { siteFediverseThread } from '../src/main/site-thread.js';
import { UsageError } from '../src/cli/command.js';
import { discussionCommand } from '../src/cli/commands/discussion.js';
import { AdminClient, aHeldComment, aUser, PASSWORD } from './support/admin-client.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { startFediPeer, type FediPeer, type Received } from './support/fedi-peer.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { freePort, until } from './support/wait.js';

describe('a staff answer sent to the fediverse, edited and withdrawn afterwards', () => {
  const dialect = testDialects()[0]!;
  let store: TestStore;
  let rt: Runtime;
  let server: RunningServer;
  let workers: WorkerHandle;
  let peer: FediPeer;
  let site: Actor;
  let base: string;
  let mod: Author;
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await dialect.open();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...store.env,
      NEWSDESK_SITE_URL: base,
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    };
    const config = loadConfig(env);
    await store.close();
    rt = await openRuntime(config, silentLogger, {
      fediverseThread: siteFediverseThread,
      fetcher: { allowedPorts: 'any' },
    });
    server = await startHttpServer(rt, '127.0.0.1', port);
    workers = await rt.startWorkers(4);
    peer = await startFediPeer();
    site = await peer.lookup(`acct:site@127.0.0.1:${port}`);
    mod = await aUser(rt.deps, 'moderator', 'Mo Derator');
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await peer?.close();
    await server?.close();
    await rt?.close();
    await store?.dispose();
  });

  const objectOf = (r: Received) => r.json['object'] as Record<string, unknown>;
  const about = (type: string, objectId: string) =>
    peer.received.filter((r) => {
      if (r.type !== type) return false;
      const o = r.json['object'];
      return (typeof o === 'string' ? o : (o as { id?: string })?.id) === objectId;
    });
  const served = (id: number) =>
    fetch(`${base}/ap/replies/${id}`, { headers: { accept: 'application/activity+json' } });

  /** A fediverse reply from the peer on a new article, approved, and our answer to it, sent. */
  async function anAnswerSent(title: string, text: string) {
    const { article } = await anArticle(rt.deps, await anAuthor(rt.deps, `${title} Writer`), {
      title,
      linkbacks: true,
    });
    const noteId = await peer.reply(site, `${base}/ap/articles/${article.id}`, '<p>Why?</p>');
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
    const answered = await replyAsStaff(
      { app: rt.deps, subscribers: staffReplySubscribers(rt.fediverse) },
      { userId: mod.id, parentItemId: held.id, text },
    );
    if (!answered.ok) throw new Error(answered.error.message);
    const reply = answered.value;
    const objectId = `${base}/ap/replies/${reply.id}`;
    await until('the Create(Note)', () => about('Create', objectId)[0]);
    return { article, noteId, reply, objectId };
  }

  it('sends an Update(Note) with the new text to the actor answered when a moderator edits the answer, and serves the new text', async () => {
    const { noteId, reply, objectId } = await anAnswerSent('Bridge closure', 'Open by *May*.');
    const edited = await editStaffReply(rt.deps, {
      userId: mod.id,
      itemId: reply.id,
      text: 'Open by *June*, the council now says.',
    });
    expect(edited.ok).toBe(true);

    const update = await until('the Update(Note)', () => about('Update', objectId)[0]);
    const note = objectOf(update);
    expect(update.json['actor']).toBe(`${base}/ap/actors/site`);
    expect(String(update.json['id'])).toMatch(new RegExp(`^${objectId}#update-\\d+$`));
    expect(note['type']).toBe('Note');
    expect(String(note['content'])).toContain('<em>June</em>, the council now says.');
    expect(String(note['content'])).not.toContain('May');
    expect(String(note['content'])).toContain('class="u-url mention"');
    expect(note['inReplyTo']).toBe(noteId);
    expect(note['to']).toBe(peer.aliceId);
    expect(typeof note['updated']).toBe('string');
    expect(Date.parse(String(note['updated']))).toBeGreaterThanOrEqual(
      Date.parse(String(note['published'])),
    );

    // Our object id and our page say the same as the Update.
    const json = (await (await served(reply.id)).json()) as { content: string };
    expect(json.content).toContain('<em>June</em>');
    const page = await (await fetch(String(note['url']).replace(/#.*$/, ''))).text();
    expect(page).toContain('Open by <em>June</em>, the council now says.');
    expect(page).not.toContain('Open by <em>May</em>.');

    // Saving the same text again changes nothing and sends nothing more.
    const jobsBefore = (await rt.jobs.queue.list({ limit: 1000 })).filter(
      (j) => j.task === 'fediverse.staff-reply',
    ).length;
    const again = await editStaffReply(rt.deps, {
      userId: mod.id,
      itemId: reply.id,
      text: ' Open by *June*, the council now says. ',
    });
    expect(again.ok).toBe(true);
    const jobsAfter = (await rt.jobs.queue.list({ limit: 1000 })).filter(
      (j) => j.task === 'fediverse.staff-reply',
    ).length;
    expect(jobsAfter).toBe(jobsBefore);
  }, 60_000);

  it('sends the Update when the answer’s author edits it from the CLI, and refuses bad invocations', async () => {
    const { reply, objectId } = await anAnswerSent('Ferry fares', 'Fares stay the same.');
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await discussionCommand.run(
        args,
        { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
        () => loadConfig(env),
      );
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    };
    const r = await cli(['edit', String(reply.id), '--as', mod.email, '--body', 'Fares rise 5%.']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`comment ${reply.id}: edited`);
    const update = await until('the Update(Note)', () => about('Update', objectId)[0]);
    expect(String(objectOf(update)['content'])).toContain('Fares rise 5%.');

    const stranger = await cli(['edit', String(reply.id), '--as', 'no@one.example', '--body', 'x']);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toContain('no user with email');
    const empty = await cli(['edit', String(reply.id), '--as', mod.email, '--body', ' ']);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('an answer needs 1 to');
    for (const args of [
      ['edit', 'abc', '--as', mod.email, '--body', 'x'],
      ['edit', String(reply.id), '--body', 'x'],
      ['edit', String(reply.id), '--as', mod.email],
    ]) {
      await expect(cli(args), args.join(' ')).rejects.toBeInstanceOf(UsageError);
    }
    expect(about('Update', objectId)).toHaveLength(1);
  }, 60_000);

  it('sends the Update when a moderator edits the answer through the admin API, which refuses a bad body', async () => {
    const { reply, objectId } = await anAnswerSent('Parking rules', 'Free after six.');
    const token = await createApiToken(rt.deps, 'cli', {
      userEmail: mod.email,
      name: 'edit test',
      scopes: ['moderate'],
    });
    if (!token.ok) throw new Error(token.error.message);
    const put = (id: number, body: unknown) =>
      fetch(`${base}/admin/api/discussion/${id}/text`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token.value.secret}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const res = await put(reply.id, { text: 'Free after *seven*.' });
    expect(res.status).toBe(200);
    const item = (await res.json()) as { id: number; contentHtml: string };
    expect(item.id).toBe(reply.id);
    expect(item.contentHtml).toContain('<em>seven</em>');
    const update = await until('the Update(Note)', () => about('Update', objectId)[0]);
    expect(String(objectOf(update)['content'])).toContain('Free after <em>seven</em>.');

    for (const [id, body, status] of [
      [reply.id, { text: '' }, 400],
      [reply.id, { text: 'x', extra: 1 }, 400],
      [reply.id, { body: 'x' }, 400],
      [reply.parentId ?? 0, { text: 'Rewritten' }, 400],
      [999_999, { text: 'x' }, 404],
    ] as const) {
      const bad = await put(id, body);
      expect(bad.status, JSON.stringify(body)).toBe(status);
    }
    expect(about('Update', objectId)).toHaveLength(1);
  }, 60_000);

  it('sends a Delete of the answer when a moderator trashes it from the admin, a Create when it is approved again, and 404s its object id meanwhile', async () => {
    const { reply, objectId } = await anAnswerSent('Harbour fees', 'Fees rise in spring.');
    const browser = new AdminClient(base);
    expect((await browser.signIn(mod.email, PASSWORD)).status).toBe(303);
    const csrf = await browser.csrfFrom('/admin/moderation?status=approved');
    const trashed = await browser.post('/admin/moderation', {
      _csrf: csrf,
      one: `${reply.id}:trash`,
      status: 'approved',
      kind: 'all',
    });
    expect(trashed.status).toBe(303);
    expect((await rt.deps.repos.discussion.findById(reply.id))?.status).toBe('trash');

    const del = await until('the Delete', () => about('Delete', objectId)[0]);
    expect(del.json['actor']).toBe(`${base}/ap/actors/site`);
    const tombstone = objectOf(del);
    expect(tombstone['type']).toBe('Tombstone');
    expect(tombstone['id']).toBe(objectId);
    expect(JSON.stringify(del.json['to'])).toContain(peer.aliceId);
    expect((await served(reply.id)).status).toBe(404);

    // Shown again: created again (the peer may ignore it once it has a tombstone; we say it).
    expect(
      (await moderateItem(rt.deps, { itemId: reply.id, to: 'approved', actor: `user:${mod.id}` }))
        .ok,
    ).toBe(true);
    await until('the second Create', () =>
      about('Create', objectId).length >= 2 ? true : undefined,
    );
    expect((await served(reply.id)).status).toBe(200);
  }, 60_000);

  it('sends a Delete when the answer goes back to pending or to spam, in bulk as one by one', async () => {
    const first = await anAnswerSent('Rail timetable', 'Trains every ten minutes.');
    const second = await anAnswerSent('Night buses', 'Buses until two.');
    const r = await moderateMany(rt.deps, {
      itemIds: [first.reply.id, second.reply.id],
      to: 'pending',
      actorUser: mod,
    });
    expect(r.ok).toBe(true);
    await until('both Deletes', () =>
      about('Delete', first.objectId).length > 0 && about('Delete', second.objectId).length > 0
        ? true
        : undefined,
    );
    // Pending to spam: it was not shown, so nothing more is sent for it.
    const deletes = about('Delete', first.objectId).length;
    await moderateItem(rt.deps, { itemId: first.reply.id, to: 'spam', actor: `user:${mod.id}` });
    const jobs = await rt.jobs.queue.list({ limit: 1000 });
    expect(
      jobs.filter(
        (j) =>
          j.task === 'fediverse.staff-reply' &&
          (j.payload as { replyItemId?: number }).replyItemId === first.reply.id &&
          (j.payload as { activity?: string }).activity === 'delete',
      ),
    ).toHaveLength(1);
    expect(about('Delete', first.objectId)).toHaveLength(deletes);
    // Edited while off the page: nothing to update (approving it again sends the new text).
    expect(
      (await editStaffReply(rt.deps, { userId: mod.id, itemId: first.reply.id, text: 'Hourly.' }))
        .ok,
    ).toBe(true);
    const later = await rt.jobs.queue.list({ limit: 1000 });
    expect(
      later.some(
        (j) =>
          j.task === 'fediverse.staff-reply' &&
          (j.payload as { replyItemId?: number }).replyItemId === first.reply.id &&
          (j.payload as { activity?: string }).activity === 'update',
      ),
    ).toBe(false);
  }, 60_000);

  it('sends nothing when an answer to an ordinary comment is edited or trashed', async () => {
    const { article } = await anArticle(rt.deps, await anAuthor(rt.deps, 'Quiet Writer'), {
      title: 'Quiet news',
    });
    const comment = await aHeldComment(rt.deps, article.id, 'Nice piece');
    await moderateItem(rt.deps, { itemId: comment.id, to: 'approved', actor: 'test' });
    const answered = await replyAsStaff(
      { app: rt.deps, subscribers: staffReplySubscribers(rt.fediverse) },
      { userId: mod.id, parentItemId: comment.id, text: 'Thank you.' },
    );
    if (!answered.ok) throw new Error(answered.error.message);
    const edited = await editStaffReply(rt.deps, {
      userId: mod.id,
      itemId: answered.value.id,
      text: 'Thank you for reading.',
    });
    expect(edited.ok).toBe(true);
    await moderateItem(rt.deps, { itemId: answered.value.id, to: 'trash', actor: 'test' });
    const jobs = await rt.jobs.queue.list({ limit: 1000 });
    expect(
      jobs.some(
        (j) =>
          j.task === 'fediverse.staff-reply' &&
          (j.payload as { replyItemId?: number }).replyItemId === answered.value.id,
      ),
    ).toBe(false);
  }, 30_000);

  it('refuses to edit what is not a staff answer, or not the editor’s, and an empty text, changing nothing', async () => {
    const { reply } = await anAnswerSent('Tide tables', 'High tide at noon.');
    const before = (await rt.deps.repos.discussion.findById(reply.id)) as DiscussionItem;
    const visitor = await aHeldComment(rt.deps, before.articleId, 'A visitor speaks');
    const otherAuthor = await aUser(rt.deps, 'author', 'Other Author');
    const cases = [
      [{ userId: mod.id, itemId: visitor.id, text: 'Rewritten' }, 'invalid_input'],
      [{ userId: mod.id, itemId: reply.parentId ?? 0, text: 'Rewritten' }, 'invalid_input'],
      [{ userId: otherAuthor.id, itemId: reply.id, text: 'Mine now' }, 'forbidden'],
      [{ userId: 999_999, itemId: reply.id, text: 'Who?' }, 'forbidden'],
      [{ userId: mod.id, itemId: 999_999, text: 'Nothing' }, 'not_found'],
      [{ userId: mod.id, itemId: reply.id, text: '   ' }, 'invalid_input'],
      [{ userId: mod.id, itemId: reply.id, text: 'x'.repeat(100_000) }, 'invalid_input'],
    ] as const;
    for (const [req, code] of cases) {
      const r = await editStaffReply(rt.deps, req);
      expect(r.ok, JSON.stringify(req).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(code);
    }
    expect(String((await rt.deps.repos.discussion.findById(reply.id))?.contentHtml)).toBe(
      String(before.contentHtml),
    );
    expect(String((await rt.deps.repos.discussion.findById(visitor.id))?.contentHtml)).toBe(
      '<p>A visitor speaks</p>',
    );
    const jobs = await rt.jobs.queue.list({ limit: 1000 });
    expect(
      jobs.some(
        (j) =>
          j.task === 'fediverse.staff-reply' &&
          (j.payload as { replyItemId?: number }).replyItemId === reply.id &&
          (j.payload as { activity?: string }).activity === 'update',
      ),
    ).toBe(false);
  }, 60_000);
});
