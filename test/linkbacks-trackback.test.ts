import { afterAll, beforeAll, expect, it } from 'vitest';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import { encodeTrackbackResponse, normalizeSourceUrl } from '../src/linkback/index.js';
import { describeEachDialect } from './support/dialects.js';
import {
  plainPage,
  seedArticles,
  startLinkbackSite,
  startSources,
  type LinkbackSite,
  type SeededArticle,
  type SourceSite,
} from './support/linkback-harness.js';

/** Reads `<response><error>N</error><message>…` the way a TrackBack client does. */
async function tbAnswer(res: Response): Promise<{ error: number; message: string | null }> {
  expect(res.headers.get('content-type')).toContain('text/xml');
  const xml = await res.text();
  const error = /<error>(\d+)<\/error>/.exec(xml)?.[1];
  expect(error).toBeDefined();
  return { error: Number(error), message: /<message>([\s\S]*)<\/message>/.exec(xml)?.[1] ?? null };
}

describeEachDialect('TrackBack receiver', (dialect) => {
  let site: LinkbackSite;
  let src: SourceSite;
  let open: SeededArticle;
  let closed: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    src = await startSources();
    ({ open, closed } = await seedArticles(site, {
      open: { title: 'Open story', comments: false, linkbacks: true },
      closed: { title: 'Closed story', comments: true, linkbacks: false },
    }));
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  const ping = async (articleId: number | string, fields: Record<string, string>) =>
    tbAnswer(await site.postForm(`/trackback/${articleId}`, fields));
  const row = (articleId: number, source: string) =>
    site.rt.deps.repos.discussion.findLinkbackBySource(articleId, normalizeSourceUrl(source));

  it('F80 url, title, excerpt, blog_name with linkbacks open → error 0, held pending verification, then verified', async () => {
    const url = src.set('/f80', { body: plainPage(open.url) });
    const answer = await ping(open.id, {
      url,
      title: 'Our take',
      excerpt: 'Why the vote slipped',
      blog_name: 'Civic Blog',
    });
    expect(answer).toEqual({ error: 0, message: null });
    const pending = await row(open.id, url);
    expect(pending?.item).toMatchObject({
      protocol: 'trackback',
      type: 'trackback',
      status: 'pending',
      verification: 'pending',
      title: 'Our take',
      authorName: 'Civic Blog',
      targetUrl: open.url,
    });
    expect(pending?.item.contentHtml).toBe('Why the vote slipped');
    await site.verify(pending?.item.id ?? 0);
    expect((await row(open.id, url))?.item).toMatchObject({
      verification: 'verified',
      title: 'Our take',
    });
  });

  it('F81 url only → accepted, title defaults to the url', async () => {
    const url = src.set('/f81', { body: plainPage(open.url) });
    expect((await ping(open.id, { url })).error).toBe(0);
    expect((await row(open.id, url))?.item.title).toBe(url);
  });

  it('F82 no url → error 1 with a message', async () => {
    expect(await ping(open.id, { title: 'x' })).toEqual({
      error: 1,
      message: 'The url field is required.',
    });
  });

  it('F83 a GET with no fields → 302 to the article', async () => {
    const res = await site.get(`/trackback/${open.id}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(open.url);
  });

  it('F84 an unknown article id → error 1; linkbacks closed → error 1 "trackbacks are closed"', async () => {
    expect((await ping(99_999, { url: `${src.origin}/f84` })).error).toBe(1);
    expect((await ping('abc', { url: `${src.origin}/f84` })).error).toBe(1);
    const shut = await ping(closed.id, { url: `${src.origin}/f84` });
    expect(shut.error).toBe(1);
    expect(shut.message).toContain('trackbacks are closed');
  });

  it('F85 the same url twice on one article → the second gets error 1', async () => {
    const url = src.set('/f85', { body: plainPage(open.url) });
    expect((await ping(open.id, { url })).error).toBe(0);
    const again = await ping(open.id, { url: `${url}/` });
    expect(again.error).toBe(1);
    expect(again.message).toContain('already a ping from that URL');
  });

  it('F86 charset=ISO-8859-1 with Latin-1 bytes → stored as correct UTF-8', async () => {
    const url = src.set('/f86', { body: plainPage(open.url) });
    const body = `url=${encodeURIComponent(url)}&title=Caf%E9&excerpt=D%E9j%E0+vu&blog_name=R%E9sum%E9`;
    const res = await site.post(
      `/trackback/${open.id}`,
      body,
      'application/x-www-form-urlencoded; charset=ISO-8859-1',
    );
    expect((await tbAnswer(res)).error).toBe(0);
    expect((await row(open.id, url))?.item).toMatchObject({
      title: 'Café',
      authorName: 'Résumé',
      contentHtml: 'Déjà vu',
    });
  });

  it('F87 charset=UTF-7 → refused', async () => {
    const res = await site.post(
      `/trackback/${open.id}`,
      `url=${encodeURIComponent(`${src.origin}/f87`)}&title=%2BADw-script%2BAD4-`,
      'application/x-www-form-urlencoded; charset=UTF-7',
    );
    const answer = await tbAnswer(res);
    expect(answer.error).toBe(1);
    expect(answer.message).toContain('UTF-7');
    expect(await row(open.id, `${src.origin}/f87`)).toBeUndefined();
  });

  it('F88 a 2 000-character excerpt with <script> → tags stripped, cropped to ~255, rendered escaped', async () => {
    const url = src.set('/f88', { body: plainPage(open.url) });
    const excerpt = `<script>alert("x")</script><b>Bold</b> ${'words & more '.repeat(160)}`;
    expect((await ping(open.id, { url, title: '<i>T</i> & co', excerpt })).error).toBe(0);
    const item = (await row(open.id, url))?.item;
    expect(item?.title).toBe('T & co');
    expect(item?.contentHtml).not.toContain('<');
    expect(item?.contentHtml).not.toContain('alert');
    expect(item?.contentHtml).toContain('&amp;');
    expect(item?.contentHtml.replace(/&amp;/g, '&').length).toBeLessThanOrEqual(253);
    await site.verify(item?.id ?? 0);
    await moderateItem(site.rt.deps, { itemId: item?.id ?? 0, to: 'approved', actor: 'test' });
    const page = await (await site.get(new URL(open.url).pathname)).text();
    expect(page).toContain('Bold words &amp; more');
    expect(page).toContain('T &amp; co');
    expect(page).not.toContain('alert(');
  });

  it('F89 a source that does not link back → rejected and never shown, even if approved', async () => {
    const url = src.set('/f89', { body: '<p>no link here</p>' });
    expect((await ping(open.id, { url, title: 'Spammy' })).error).toBe(0);
    const item = (await row(open.id, url))?.item;
    await site.verify(item?.id ?? 0);
    expect((await row(open.id, url))?.item).toMatchObject({
      verification: 'rejected',
      verificationError: 'no_link_found',
    });
    await moderateItem(site.rt.deps, { itemId: item?.id ?? 0, to: 'approved', actor: 'test' });
    const page = await (await site.get(new URL(open.url).pathname)).text();
    expect(page).not.toContain('Spammy');
  });

  it('F90 an error message containing < is XML-escaped inside <message>', () => {
    const xml = encodeTrackbackResponse({ ok: false, message: 'bad <url> & "stuff"' });
    expect(xml).toContain('<message>bad &lt;url&gt; &amp; &quot;stuff&quot;</message>');
  });

  it('TrackBack receiving switched off in settings → error 1', async () => {
    const { updateSiteSettings } = await import('../src/app/site-settings.js');
    await updateSiteSettings(site.rt.deps.repos.settings, {
      linkbacks: { receiveTrackbacks: false },
    });
    try {
      const answer = await ping(open.id, { url: `${src.origin}/off` });
      expect(answer).toMatchObject({ error: 1 });
      const page = await (await site.get(new URL(open.url).pathname)).text();
      expect(page).not.toContain('rel="trackback"');
    } finally {
      await updateSiteSettings(site.rt.deps.repos.settings, {
        linkbacks: { receiveTrackbacks: true },
      });
    }
  });

  it.todo('F91 F92 are client-side (sending TrackBacks), not part of receiving');
});
