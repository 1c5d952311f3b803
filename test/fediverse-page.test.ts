import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { fediverseThread } from '../src/app/fediverse/thread.js';
import type { FediverseThread } from '../src/app/fediverse/thread-port.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import { addUser } from '../src/app/users/add-user.js';
import { EXIT } from '../src/cli/command.js';
import { runCli } from '../src/cli/main.js';
import type { Article } from '../src/domain/article.js';
import { permalinkPath } from '../src/domain/permalink.js';
import { sanitizeVisitorHtml } from '../src/render/sanitize.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const SITE = 'http://news.test';
const ada = {
  id: 'https://social.example/users/ada',
  handle: '@ada@social.example',
  name: 'Ada <Lovelace>',
  profileUrl: 'https://social.example/@ada',
  iconUrl: 'https://social.example/ada.png',
};
const bo = {
  id: 'https://other.example/users/bo',
  handle: '@bo@other.example',
  name: 'Bo',
  profileUrl: 'https://other.example/@bo',
  iconUrl: 'https://other.example/bo.png',
};

describeEachDialect('fediverse replies and reactions on the article page', (dialect) => {
  let site: SiteHarness;
  let thread: FediverseThread;
  let authorId: number;
  let n = 0;

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['fediverse', ...argv],
      { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
      () => site.rt.config,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const article = async (opts: { comments: boolean; linkbacks: boolean }) => {
    const created = await createArticle(site.rt.deps, {
      title: `Federated story ${++n}`,
      bodyMarkdown: 'Body.',
      authorId,
      publish: { kind: 'now' },
      ...opts,
    });
    if (!created.ok) throw new Error(created.error.message);
    return created.value.article;
  };
  const pathOf = (a: Article) =>
    permalinkPath(a.slug, a.publishedAt ?? new Date(), 'Europe/London');
  const page = async (a: Article) => {
    const res = await site.get(pathOf(a));
    expect(res.status).toBe(200);
    return res.text();
  };
  const reply = (a: Article, over: Record<string, unknown> = {}) => ({
    objectId: `https://social.example/users/ada/statuses/${++n}`,
    url: `https://social.example/@ada/${n}`,
    inReplyTo: `${SITE}/ap/articles/${a.id}`,
    actor: ada,
    contentHtml: '<p>Great reporting <script>alert(1)</script></p>',
    summary: null,
    publishedAt: new Date('2026-03-01T08:00:00Z'),
    updatedAt: null,
    ...over,
  });

  beforeAll(async () => {
    site = await startSite(dialect);
    const user = await addUser(site.rt.deps, {
      email: 'desk@news.test',
      name: 'Desk',
      role: 'author',
    });
    if (!user.ok) throw new Error(user.error.message);
    authorId = user.value.id;
    await updateSiteSettings(site.rt.deps.repos.settings, {
      comments: { holdFirstTimeAuthors: false },
    });
    thread = fediverseThread({ app: site.rt.deps, sanitize: sanitizeVisitorHtml });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('shows an approved reply with its actor card and link to the original, threaded, after a cached render', async () => {
    const a = await article({ comments: false, linkbacks: true });
    const before = await page(a);
    expect(before).not.toContain('fediverse-reply');
    expect(before).toContain('Comments are closed, but trackbacks and pingbacks are open.');
    const top = reply(a);
    const stored = await thread.receiveReply(top);
    if (stored.kind !== 'stored') throw new Error(JSON.stringify(stored));
    const child = await thread.receiveReply({
      ...reply(a, { actor: bo, inReplyTo: top.objectId, contentHtml: '<p>Agreed.</p>' }),
      objectId: 'https://other.example/users/bo/statuses/1',
    });
    if (child.kind !== 'stored') throw new Error(JSON.stringify(child));
    const html = await page(a);
    expect(html).toContain(`id="comment-${stored.itemId}"`);
    expect(html).toContain('Ada &lt;Lovelace&gt;');
    expect(html).toContain('@ada@social.example');
    expect(html).toContain('href="https://social.example/@ada"');
    expect(html).toContain('src="https://social.example/ada.png"');
    expect(html).toContain(`href="${top.url}"`);
    expect(html).not.toContain('alert(1)');
    // Bo's reply is nested inside Ada's item.
    const adaAt = html.indexOf(`id="comment-${stored.itemId}"`);
    const nested = html.indexOf('<ol>', adaAt);
    expect(nested).toBeGreaterThan(adaAt);
    expect(html.indexOf(`id="comment-${child.itemId}"`)).toBeGreaterThan(nested);
    expect(html).toContain('Comments are closed, but trackbacks and pingbacks are open.');
    expect(html).not.toContain('Reply to Ada');
    // The moderation queue lists them by their own kind.
    const out: string[] = [];
    const code = await runCli(
      ['discussion', 'list', '--kind', 'fediverse', '--json'],
      { out: (l) => out.push(l), err: () => {}, prompt: null },
      () => site.rt.config,
    );
    expect(code).toBe(EXIT.ok);
    const rows = JSON.parse(out.join('\n')) as { id: number; kind: string }[];
    expect(rows.map((r) => r.kind)).toEqual(['fediverse', 'fediverse']);
    expect(rows.map((r) => r.id).sort()).toEqual([stored.itemId, child.itemId].sort());
  });

  it('shows likes and boosts as counts and faces, and drops a face when it is undone', async () => {
    const a = await article({ comments: true, linkbacks: true });
    expect(await page(a)).not.toContain('fediverse-reactions');
    const objectId = `${SITE}/ap/articles/${a.id}`;
    await thread.addReaction({
      kind: 'like',
      activityId: 'https://social.example/l/1',
      objectId,
      actor: ada,
    });
    await thread.addReaction({
      kind: 'like',
      activityId: 'https://other.example/l/1',
      objectId,
      actor: bo,
    });
    await thread.addReaction({
      kind: 'announce',
      activityId: 'https://other.example/b/1',
      objectId,
      actor: bo,
    });
    const html = await page(a);
    expect(html).toContain('Liked on the fediverse by · 2 likes');
    expect(html).toContain('Boosted on the fediverse by · 1 boost');
    expect(html).toContain('alt="Ada &lt;Lovelace&gt;"');
    expect(html).toContain('href="https://other.example/@bo"');
    await thread.removeReaction('https://social.example/l/1', ada.id);
    const after = await page(a);
    expect(after).toContain('1 like');
    expect(after).not.toContain('alt="Ada &lt;Lovelace&gt;"');
  });

  it('blocks an instance from the CLI, which hides its replies and faces from the page', async () => {
    const a = await article({ comments: true, linkbacks: true });
    const r = reply(a, { actor: bo, objectId: 'https://other.example/users/bo/statuses/77' });
    expect(await thread.receiveReply(r)).toMatchObject({ status: 'approved' });
    await thread.addReaction({
      kind: 'like',
      activityId: 'https://other.example/l/77',
      objectId: `${SITE}/ap/articles/${a.id}`,
      actor: bo,
    });
    expect(await page(a)).toContain('https://other.example/@bo');
    const blocked = await cli('block', 'Other.Example');
    expect(blocked.code).toBe(EXIT.ok);
    // Bo's reply in the first test and this one.
    expect(blocked.out).toContain('blocked instance other.example (2 replies hidden');
    const html = await page(a);
    expect(html).not.toContain('https://other.example/@bo');
    expect(await thread.isBlocked(bo.id)).toBe(true);
    const list = await cli('blocks', '--json');
    expect(JSON.parse(list.out)).toEqual({ instances: ['other.example'], actors: [] });
    expect((await cli('block', 'other.example')).out).toContain('already blocked');
    expect((await cli('unblock', 'other.example')).out).toBe('unblocked instance other.example');
    expect(await thread.isBlocked(bo.id)).toBe(false);
  });

  it('blocks an actor by id URL and refuses malformed and hostile arguments', async () => {
    const ok = await cli('block', 'https://social.example/users/troll/');
    expect(ok.code).toBe(EXIT.ok);
    expect(await thread.isBlocked('https://social.example/users/troll')).toBe(true);
    for (const bad of [
      '@troll@social.example',
      'javascript:alert(1)',
      'not a domain',
      'x'.repeat(3000),
      'https://\u0007bad.example/',
    ]) {
      const r = await cli('block', bad);
      expect(r.code).not.toBe(EXIT.ok);
      expect(r.err).toContain('error:');
    }
    expect((await cli('block')).code).toBe(EXIT.usage);
    expect((await cli('nonsense')).code).toBe(EXIT.usage);
  });
});
