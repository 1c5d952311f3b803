/**
 * The whole path with the product's own thread (not a recording one): an independent Fedify
 * server replies to an article; the reply is held, approved by a moderator and shown under the
 * article; the peer's edit and delete follow it on the page; a like becomes a face, not a comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@fedify/vocab';
import { silentLogger } from '../src/app/ports.js';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { loadConfig } from '../src/config/config.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../src/main/server.js';
import { siteFediverseThread } from '../src/main/site-thread.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { startFediPeer, type FediPeer } from './support/fedi-peer.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { freePort, until } from './support/wait.js';

describe('a fediverse reply in the article thread, end to end', () => {
  const dialect = testDialects()[0]!;
  let store: TestStore;
  let rt: Runtime;
  let server: RunningServer;
  let workers: WorkerHandle;
  let peer: FediPeer;
  let site: Actor;
  let base: string;

  beforeAll(async () => {
    store = await dialect.open();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      ...store.env,
      NEWSDESK_SITE_URL: base,
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    });
    await store.close();
    rt = await openRuntime(config, silentLogger, {
      fediverseThread: siteFediverseThread,
      fetcher: { allowedPorts: 'any' },
    });
    server = await startHttpServer(rt, '127.0.0.1', port);
    workers = await rt.startWorkers(4);
    peer = await startFediPeer();
    site = await peer.lookup(`acct:site@127.0.0.1:${port}`);
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await peer?.close();
    await server?.close();
    await rt?.close();
    await store?.dispose();
  });

  it('holds the reply, shows it once approved, follows its edit and delete, and counts a like', async () => {
    const author = await anAuthor(rt.deps);
    const { article } = await anArticle(rt.deps, author, {
      title: 'Bridge reopens',
      comments: false,
      linkbacks: true,
    });
    const objectId = `${base}/ap/articles/${article.id}`;
    const object = await fetch(objectId, { headers: { accept: 'application/activity+json' } });
    const { url } = (await object.json()) as { url: string };
    const page = async () => (await fetch(url)).text();
    const replies = () =>
      rt.deps.repos.discussion.list({ articleId: article.id, kind: 'fediverse' });

    const noteId = await peer.reply(
      site,
      objectId,
      '<p>Good to see it <script>x()</script>open.</p>',
    );
    const held = await until('the stored reply', async () => (await replies())[0]);
    expect(held.status).toBe('pending');
    expect(held.contentHtml).not.toContain('<script');
    expect(await page()).not.toContain('Good to see it');
    // The article's own sentence: replies from the fediverse follow the linkbacks switch.
    expect(await page()).toContain('Comments are closed, but trackbacks and pingbacks are open.');

    const approved = await moderateItem(rt.deps, {
      itemId: held.id,
      to: 'approved',
      actor: 'test',
    });
    expect(approved.ok).toBe(true);
    const shown = await page();
    expect(shown).toContain('Good to see it open.');
    // The card names the actor by handle (the host without its port, as instances are named).
    expect(shown).toContain(`@alice@${new URL(peer.url).hostname}`);

    await peer.edit(site, noteId, '<p>Good to see it open again.</p>');
    await until('the edit on the page', async () =>
      (await page()).includes('open again') ? true : undefined,
    );
    expect((await replies())[0]?.status).toBe('approved');

    await peer.remove(site, noteId);
    await until('the reply gone from the page', async () =>
      (await page()).includes('Good to see it') ? undefined : true,
    );

    await peer.like(site, objectId);
    const liked = await until('the like on the page', async () => {
      const html = await page();
      return html.includes('fediverse-likes') ? html : undefined;
    });
    expect(liked).toContain('Liked on the fediverse by');
    expect(await replies()).toHaveLength(1); // the like is a face, not a comment
  }, 90_000);
});
