import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import { normalizeSourceUrl } from '../src/linkback/index.js';
import { seedDemoContent } from '../src/main/demo-content.js';
import { describeEachDialect } from './support/dialects.js';
import {
  entryPage,
  plainPage,
  seedArticles,
  startLinkbackSite,
  startSources,
  type LinkbackSite,
  type SeededArticle,
  type SourceSite,
} from './support/linkback-harness.js';
import { pingCall, pythonPing, readPingAnswer } from './support/pingback-client.js';

const DAY = 86_400_000;

async function trackbackError(res: Response): Promise<number> {
  return Number(/<error>(\d+)<\/error>/.exec(await res.text())?.[1]);
}

describeEachDialect('linkbacks across protocols', (dialect) => {
  let site: LinkbackSite;
  let src: SourceSite;
  let a: SeededArticle;
  let b: SeededArticle;
  let closed: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    src = await startSources();
    ({ a, b, closed } = await seedArticles(site, {
      a: { title: 'First story' },
      b: { title: 'Second story' },
      closed: { title: 'Quiet story', linkbacks: false },
    }));
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  const linkbacks = (articleId: number) =>
    site.rt.deps.repos.discussion.list({ articleId, kind: 'linkback' });
  const pathOf = (url: string) => new URL(url).pathname;

  it('advertises all three endpoints on an open article and none on a closed one', async () => {
    const res = await site.get(pathOf(a.url));
    expect(res.headers.get('link')).toContain('<http://news.test/webmention>; rel="webmention"');
    expect(res.headers.get('x-pingback')).toBe('http://news.test/xmlrpc');
    const html = await res.text();
    expect(html).toContain('<link rel="webmention" href="http://news.test/webmention"');
    expect(html).toContain('<link rel="pingback" href="http://news.test/xmlrpc"');
    expect(html).toContain(`<link rel="trackback" href="http://news.test/trackback/${a.id}"`);
    expect(html).toContain(`trackback:ping="http://news.test/trackback/${a.id}"`);
    expect(html).toContain(`dc:identifier="${a.url}"`);
    expect(html).toContain(
      `TrackBack URL for this article: <code>http://news.test/trackback/${a.id}</code>`,
    );
    // A second request may come from the page cache: the headers must come with it.
    const again = await site.get(pathOf(a.url));
    expect(again.headers.get('x-pingback')).toBe('http://news.test/xmlrpc');
    expect(again.headers.get('link')).toContain('rel="webmention"');
    const shut = await site.get(pathOf(closed.url));
    expect(shut.headers.get('x-pingback')).toBeNull();
    expect(shut.headers.get('link') ?? '').not.toContain('webmention');
    expect(await shut.text()).not.toMatch(/rel="(webmention|pingback|trackback)"/);
  });

  it('G93 a Pingback then a Webmention from one source → one record, upgraded to webmention', async () => {
    const source = src.set('/g93', {
      body: entryPage({
        target: a.url,
        property: 'in-reply-to',
        content: 'Replying',
        author: 'Cy',
      }),
    });
    expect(
      await readPingAnswer(await site.post('/xmlrpc', pingCall(source, a.url), 'text/xml')),
    ).toMatchObject({
      kind: 'success',
    });
    const queued = await site.rt.deps.repos.discussion.findLinkbackBySource(
      a.id,
      normalizeSourceUrl(source),
    );
    await site.verify(queued?.item.id ?? 0);
    const first = await site.rt.deps.repos.discussion.findLinkbackBySource(
      a.id,
      normalizeSourceUrl(source),
    );
    expect(first?.item).toMatchObject({
      protocol: 'pingback',
      type: 'pingback',
      verification: 'verified',
    });
    expect((await site.postForm('/webmention', { source, target: a.url })).status).toBe(201);
    await site.verify(first?.item.id ?? 0);
    const all = (await linkbacks(a.id)).filter((i) => i.sourceUrl?.endsWith('/g93'));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      id: first?.item.id,
      protocol: 'webmention',
      type: 'reply',
      authorName: 'Cy',
    });
    // A later TrackBack from the same source is a duplicate, not a second row.
    const tb = await site.postForm(`/trackback/${a.id}`, { url: source });
    expect(await trackbackError(tb)).toBe(1);
  });

  it('G94 one source to two articles → two records', async () => {
    const source = src.set('/g94', { body: `${plainPage(a.url)}${plainPage(b.url)}` });
    expect((await site.postForm('/webmention', { source, target: a.url })).status).toBe(201);
    expect((await site.postForm('/webmention', { source, target: b.url })).status).toBe(201);
    expect((await linkbacks(a.id)).filter((i) => i.sourceUrl === source)).toHaveLength(1);
    expect((await linkbacks(b.id)).filter((i) => i.sourceUrl === source)).toHaveLength(1);
  });

  it('G95 http/https and trailing-slash variants of one source → a single record', async () => {
    const source = src.set('/g95', { body: plainPage(b.url) });
    expect((await site.postForm('/webmention', { source, target: b.url })).status).toBe(201);
    const https = `${source.replace('http:', 'https:')}/`;
    const throttled = await site.postForm('/webmention', { source: https, target: b.url });
    expect(throttled.status).toBe(429); // the pair throttle already sees them as one source
    site.time.advance(31_000);
    expect((await site.postForm('/webmention', { source: https, target: b.url })).status).toBe(201);
    expect(
      await trackbackError(
        await site.postForm(`/trackback/${b.id}`, { url: `${source}/?utm_source=x` }),
      ),
    ).toBe(1);
    const rows = (await linkbacks(b.id)).filter((i) => i.sourceUrl?.includes('/g95'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sourceUrl).toBe(https);
  });

  it('a source on the approve list is shown once verified, without moderation', async () => {
    await updateSiteSettings(site.rt.deps.repos.settings, {
      linkbacks: { approveDomains: ['127.0.0.1'] },
    });
    try {
      const source = src.set('/friend', {
        body: plainPage(a.url, 'Friendly page', 'A trusted friend says'),
      });
      expect((await site.postForm('/webmention', { source, target: a.url })).status).toBe(201);
      const r = await site.rt.deps.repos.discussion.findLinkbackBySource(
        a.id,
        normalizeSourceUrl(source),
      );
      expect(r?.item).toMatchObject({ status: 'approved', verification: 'pending' });
      expect(await (await site.get(pathOf(a.url))).text()).not.toContain('Friendly page');
      await site.verify(r?.item.id ?? 0);
      expect(await (await site.get(pathOf(a.url))).text()).toContain('Friendly page');
    } finally {
      await updateSiteSettings(site.rt.deps.repos.settings, { linkbacks: { approveDomains: [] } });
    }
  });

  it('shows approved, verified items (reply, facepile, mention) and never remote photos or unverified ones', async () => {
    const reply = src.set('/show-reply', {
      body: entryPage({
        target: b.url,
        property: 'in-reply-to',
        content: 'Thoughtful reply text',
        author: 'Dee',
      }),
    });
    const like = src.set('/show-like', {
      body: `<div class="h-entry"><a class="p-author h-card" href="/e"><img class="u-photo" src="http://127.0.0.1:9/p.png" alt="">Eve</a>
        <a class="u-like-of" href="${b.url}">liked</a></div>`,
    });
    const unverified = src.set('/show-unverified', { body: '<p>no link</p>' });
    for (const source of [reply, like, unverified]) {
      expect((await site.postForm('/webmention', { source, target: b.url })).status).toBe(201);
      const r = await site.rt.deps.repos.discussion.findLinkbackBySource(
        b.id,
        normalizeSourceUrl(source),
      );
      await site.verify(r?.item.id ?? 0);
      await moderateItem(site.rt.deps, { itemId: r?.item.id ?? 0, to: 'approved', actor: 'test' });
    }
    const html = await (await site.get(pathOf(b.url))).text();
    expect(html).toContain('Mentions elsewhere');
    expect(html).toContain('Thoughtful reply text');
    expect(html).toMatch(/Liked by[\s\S]*Eve/);
    expect(html).not.toContain('p.png');
    expect(html).not.toContain('show-unverified');
  });
});

describeEachDialect('linkback gates over time', (dialect) => {
  let site: LinkbackSite;
  let src: SourceSite;
  let story: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    src = await startSources();
    ({ story } = await seedArticles(site, { story: { title: 'Ageing story' } }));
    await updateSiteSettings(site.rt.deps.repos.settings, {
      discussion: { closeCommentsAfterDays: 2, closeLinkbacksAfterDays: 5 },
    });
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  it('G96 comments auto-closed, linkbacks open → comment POST 403, all three linkback protocols accepted', async () => {
    site.time.advance(3 * DAY);
    const page = await (await site.get(new URL(story.url).pathname)).text();
    expect(page).toContain('Comments are closed, but trackbacks and pingbacks are open.');
    const comment = await site.postForm(`/comments/${story.id}`, {
      name: 'N',
      email: 'n@example.org',
      text: 'Hi',
    });
    expect(comment.status).toBe(403);
    const wm = src.set('/g96-wm', { body: plainPage(story.url) });
    expect((await site.postForm('/webmention', { source: wm, target: story.url })).status).toBe(
      201,
    );
    const pb = src.set('/g96-pb', { body: plainPage(story.url) });
    expect(
      await readPingAnswer(await site.post('/xmlrpc', pingCall(pb, story.url), 'text/xml')),
    ).toMatchObject({
      kind: 'success',
    });
    const tb = src.set('/g96-tb', { body: plainPage(story.url) });
    expect(await trackbackError(await site.postForm(`/trackback/${story.id}`, { url: tb }))).toBe(
      0,
    );
    const r = await site.rt.deps.repos.discussion.findLinkbackBySource(
      story.id,
      normalizeSourceUrl(wm),
    );
    await site.verify(r?.item.id ?? 0);
  });

  it('G97 linkbacks auto-closed → Webmention 400, Pingback 33, TrackBack error 1; existing records still update and delete', async () => {
    site.time.advance(3 * DAY); // day 6
    const fresh = src.set('/g97-new', { body: plainPage(story.url) });
    const wm = await site.postForm('/webmention', { source: fresh, target: story.url });
    expect(wm.status).toBe(400);
    expect(((await wm.json()) as { error: string }).error).toBe('target_not_supported');
    expect(
      await readPingAnswer(await site.post('/xmlrpc', pingCall(fresh, story.url), 'text/xml')),
    ).toMatchObject({
      kind: 'fault',
      code: 33,
    });
    const tb = await site.postForm(`/trackback/${story.id}`, { url: fresh });
    expect(await trackbackError(tb)).toBe(1);

    // The Webmention sent on day 3 can still be updated, then deleted, by its sender.
    const existing = `${src.origin}/g96-wm`;
    src.set('/g96-wm', {
      body: entryPage({ target: story.url, property: 'in-reply-to', content: 'Updated' }),
    });
    expect(
      (await site.postForm('/webmention', { source: existing, target: story.url })).status,
    ).toBe(201);
    const row = await site.rt.deps.repos.discussion.findLinkbackBySource(
      story.id,
      normalizeSourceUrl(existing),
    );
    await site.verify(row?.item.id ?? 0);
    const updated = await site.rt.deps.repos.discussion.findLinkbackBySource(
      story.id,
      normalizeSourceUrl(existing),
    );
    expect(updated?.item).toMatchObject({ type: 'reply', verification: 'verified' });
    src.set('/g96-wm', { status: 410 });
    site.time.advance(31_000);
    expect(
      (await site.postForm('/webmention', { source: existing, target: story.url })).status,
    ).toBe(201);
    await site.verify(row?.item.id ?? 0);
    const gone = await site.rt.deps.repos.discussion.findLinkbackBySource(
      story.id,
      normalizeSourceUrl(existing),
    );
    expect(gone?.item.status).toBe('deleted');
  });
});

describeEachDialect('demo article end to end', (dialect) => {
  let site: LinkbackSite;
  let src: SourceSite;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    src = await startSources();
    await seedDemoContent(site.rt.deps);
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  it('"Why the council’s budget vote was delayed, explained" accepts all three, verified by the real worker, shown after approval', async () => {
    const home = await (await site.get('/')).text();
    const path =
      /href="(\/\d{4}\/\d{2}\/why-the-councils-budget-vote-was-delayed-explained\/)"/.exec(
        home,
      )?.[1] ?? '';
    expect(path).not.toBe('');
    const target = `http://news.test${path}`;
    const before = await site.get(path);
    expect(before.headers.get('x-pingback')).toBe('http://news.test/xmlrpc');
    const html = await before.text();
    expect(html).toContain('Comments are closed, but trackbacks and pingbacks are open.');
    const tbHref =
      /<link rel="trackback" href="http:\/\/news\.test(\/trackback\/\d+)"/.exec(html)?.[1] ?? '';
    expect(tbHref).not.toBe('');

    const wm = src.set('/demo-reply', {
      body: entryPage({
        target,
        property: 'in-reply-to',
        content: 'The legal review point is key.',
        author: 'Fatima Reader',
      }),
    });
    const pb = src.set('/demo-pingback', {
      body: plainPage(target, 'Council roundup', 'Background on the delay'),
    });
    const tb = src.set('/demo-trackback', { body: plainPage(target, 'Budget blog') });

    expect((await site.postForm('/webmention', { source: wm, target })).status).toBe(201);
    expect(await pythonPing(`${site.base}/xmlrpc`, pb, target)).toMatch(/^ok /);
    const tbRes = await site.postForm(tbHref, {
      url: tb,
      title: 'Amendments, explained again',
      excerpt: 'A second look at the two amendments',
      blog_name: 'Budget blog',
    });
    expect(await trackbackError(tbRes)).toBe(0);

    const worker = await site.rt.startWorkers(2);
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const items = await site.rt.deps.repos.discussion.list({ kind: 'linkback' });
        if (items.length === 3 && items.every((i) => i.verification === 'verified')) break;
        if (Date.now() > deadline)
          throw new Error(`not verified: ${JSON.stringify(items.map((i) => i.verification))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    const pendingPage = await (await site.get(path)).text();
    expect(pendingPage).not.toContain('The legal review point is key.');
    for (const item of await site.rt.deps.repos.discussion.list({ kind: 'linkback' })) {
      expect(
        (await moderateItem(site.rt.deps, { itemId: item.id, to: 'approved', actor: 'test' })).ok,
      ).toBe(true);
    }
    const page = await (await site.get(path)).text();
    expect(page).toContain('Mentions elsewhere');
    expect(page).toContain('The legal review point is key.');
    expect(page).toContain('Fatima Reader');
    expect(page).toContain('Council roundup');
    expect(page).toContain('Amendments, explained again');
    expect(page).toContain('A second look at the two amendments');
  });
});

describe('linkback test suites', () => {
  it('contact only 127.0.0.1 (sources are node:http servers bound there)', async () => {
    const s = await startSources();
    expect(s.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await s.close();
  });
});
