/**
 * The whole path with the product's own thread (not a recording one): an independent Fedify
 * server replies to an article; the reply is held, approved by a moderator and shown under the
 * article; the peer's edit and delete follow it on the page; a like becomes a face, not a comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@fedify/vocab';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import type { Runtime } from '../src/main/runtime.js';
import type { FediPeer } from './support/fedi-peer.js';
import { startFederatedSite, type FederatedSite } from './support/fedi-site.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { until } from './support/wait.js';

describe('a fediverse reply in the article thread, end to end', () => {
  let fedi: FederatedSite;
  let rt: Runtime;
  let peer: FediPeer;
  let site: Actor;
  let base: string;

  beforeAll(async () => {
    fedi = await startFederatedSite();
    ({ rt, peer, site, base } = fedi);
  }, 30_000);

  afterAll(async () => {
    await fedi?.close();
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
