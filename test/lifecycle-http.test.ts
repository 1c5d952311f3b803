import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../src/app/articles/pages.js';
import { deleteArticle, undeleteArticle } from '../src/app/articles/trash.js';
import { unpublishArticle } from '../src/app/articles/unpublish-article.js';
import type { Author } from '../src/domain/article.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import {
  plainPage,
  startLinkbackSite,
  startSources,
  type LinkbackSite,
  type SourceSite,
} from './support/linkback-harness.js';
import { pingCall, readPingAnswer } from './support/pingback-client.js';

const paths = (url: string) => new URL(url).pathname;

describeEachDialect('article lifecycle over HTTP', (dialect) => {
  let site: LinkbackSite;
  let src: SourceSite;
  let author: Author;
  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    src = await startSources();
    author = await anAuthor(site.rt.deps, 'Ada Reporter');
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });
  const deps = () => site.rt.deps;
  const html = async (path: string, init?: RequestInit) => {
    const res = await site.get(path, init);
    return { res, body: await res.text() };
  };

  it('a deleted article answers 410 with a short tombstone, cached until it is restored', async () => {
    const { article, url } = await anArticle(deps(), author, { title: 'Pulled <story>' });
    const path = paths(url);
    expect((await site.get(path)).status).toBe(200);
    await deleteArticle(deps(), { articleId: article.id, actorId: null });
    const gone = await html(path);
    expect(gone.res.status).toBe(410);
    expect(gone.body).toContain('This story was removed');
    expect(gone.body).toContain('“Pulled &lt;story&gt;” is no longer available.');
    expect(gone.body).toContain('<meta name="robots" content="noindex"');
    expect(gone.body.length).toBeLessThan(10_000);
    const etag = gone.res.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const hits = site.server.cache.hits;
    expect((await site.get(path)).status).toBe(410);
    expect(site.server.cache.hits).toBe(hits + 1);
    // Without its trailing slash the tombstone answers as well.
    expect((await site.get(path.slice(0, -1))).status).toBe(410);

    await undeleteArticle(deps(), { articleId: article.id, actorId: null });
    const back = await html(path, { headers: { 'If-None-Match': etag } });
    expect(back.res.status).toBe(200);
    expect(back.body).toContain('Pulled &lt;story&gt;');
  });

  it('an unpublished article answers 410 too, and a never-published draft 404', async () => {
    const { article, url } = await anArticle(deps(), author, { title: 'Withdrawn story' });
    await unpublishArticle(deps(), { articleId: article.id, actorId: null });
    const res = await html(paths(url));
    expect(res.res.status).toBe(410);
    expect(res.body).toContain('“Withdrawn story” is no longer available.');
    const { url: draftUrl } = await anArticle(deps(), author, {
      title: 'Secret draft',
      publish: { kind: 'draft' },
    });
    const draft = await html(paths(draftUrl));
    expect(draft.res.status).toBe(404);
    expect(draft.body).not.toContain('Secret draft');
  });

  it('comments, Webmention, Pingback and TrackBack to a gone article are refused, and nothing is stored', async () => {
    const { article: deleted, url: deletedUrl } = await anArticle(deps(), author, {
      title: 'Deleted story',
      comments: true,
      linkbacks: true,
    });
    const { article: withdrawn, url: withdrawnUrl } = await anArticle(deps(), author, {
      title: 'Unpublished story',
      comments: true,
      linkbacks: true,
    });
    await deleteArticle(deps(), { articleId: deleted.id, actorId: null });
    await unpublishArticle(deps(), { articleId: withdrawn.id, actorId: null });
    for (const [article, url] of [
      [deleted, deletedUrl],
      [withdrawn, withdrawnUrl],
    ] as const) {
      site.time.advance(31_000);
      const source = src.set(`/to-${article.id}`, { body: plainPage(url) });
      const comment = await site.postForm(`/comments/${article.id}`, {
        name: 'Reader',
        email: 'reader@example.org',
        text: 'Hello',
        token: 'x',
      });
      expect(comment.status).toBe(404);
      const wm = await site.postForm('/webmention', { source, target: url });
      expect(wm.status).toBe(400);
      expect(((await wm.json()) as { error: string }).error).toBe('target_not_found');
      const pb = await readPingAnswer(
        await site.post('/xmlrpc', pingCall(source, url), 'text/xml'),
      );
      expect(pb).toMatchObject({ kind: 'fault', code: 32 });
      const tb = await site.postForm(`/trackback/${article.id}`, { url: source, title: 'x' });
      expect(await tb.text()).toContain('<error>1</error>');
      expect(await deps().repos.discussion.list({ articleId: article.id })).toEqual([]);
    }
  });

  it('serves a page at /slug/ with its own template, 301 from /slug, 404 for unknown, 410 when gone', async () => {
    const r = await createPage(deps(), {
      title: 'About us',
      slug: 'about',
      bodyMarkdown: 'We report on the city.',
      authorId: author.id,
      publish: true,
    });
    if (!r.ok) throw new Error(r.error.message);
    const { res, body } = await html('/about/');
    expect(res.status).toBe(200);
    expect(body).toContain('<h1 class="headline p-name">About us</h1>');
    expect(body).toContain('We report on the city.');
    expect(body).toContain('<link rel="canonical" href="http://news.test/about/"');
    expect(body).not.toContain('class="byline"');
    expect(body).not.toContain('NewsArticle');
    // Closed by default and empty: no discussion section at all.
    expect(body).not.toContain('id="discussion"');
    const bare = await site.get('/about');
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/about/']);
    expect((await site.get('/no-such-page/')).status).toBe(404);
    expect((await site.get('/no-such-page')).status).toBe(404);
    // The site's own routes still answer around it.
    expect((await site.get('/')).status).toBe(200);
    expect((await site.get('/author/ada-reporter/')).status).toBe(200);
    expect((await site.get('/category/')).status).toBe(404);
    const home = await html('/');
    // Out of the listing (<main>); the footer links every published page.
    expect(/<main[\s\S]*<\/main>/.exec(home.body)?.[0]).not.toContain('About us');

    await deleteArticle(deps(), { articleId: r.value.article.id, actorId: null });
    const gone = await html('/about/');
    expect(gone.res.status).toBe(410);
    expect(gone.body).toContain('This page was removed');
    await undeleteArticle(deps(), { articleId: r.value.article.id, actorId: null });
    expect((await site.get('/about/')).status).toBe(200);
  });

  it('a page whose discussion is opened takes comments and webmentions like an article', async () => {
    const r = await createPage(deps(), {
      title: 'Contact',
      slug: 'contact',
      bodyMarkdown: 'Tell us what you think.',
      authorId: author.id,
      publish: true,
      comments: true,
      linkbacks: true,
    });
    if (!r.ok) throw new Error(r.error.message);
    const page = await html('/contact/');
    expect(page.body).toContain('id="discussion"');
    expect(page.body).toContain('class="comment-form"');
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const action = /<form class="comment-form" method="post" action="([^"]+)"/.exec(page.body)?.[1];
    expect(action).toBe(`/comments/${r.value.article.id}`);
    site.time.advance(5_000);
    const posted = await site.postForm(action ?? '', {
      name: 'Ada Reader',
      email: 'ada@example.org',
      url: '',
      token,
      text: 'Is there a phone number?',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(
      /^\/contact\/(#comment-\d+|\?comment=held#respond)$/,
    );
    const [comment] = await deps().repos.discussion.list({ articleId: r.value.article.id });
    expect([comment?.kind, String(comment?.contentHtml).trim()]).toEqual([
      'comment',
      '<p>Is there a phone number?</p>',
    ]);
    site.time.advance(31_000);
    const source = src.set('/about-contact', { body: plainPage(r.value.url) });
    const wm = await site.postForm('/webmention', { source, target: r.value.url });
    expect(wm.status).toBe(201);
    const items = await deps().repos.discussion.list({
      articleId: r.value.article.id,
      kind: 'linkback',
    });
    expect(items.map((i) => i.targetUrl)).toEqual(['http://news.test/contact/']);
  });

  it('lists every byline, in order, on the home page and in the co-author’s archive', async () => {
    const bea = await anAuthor(deps(), 'Bea Writer');
    await anArticle(deps(), author, { title: 'Joint investigation', coAuthorIds: [bea.id] });
    const home = await html('/');
    expect(home.body).toMatch(
      /By <a class="p-author h-card" href="\/author\/ada-reporter\/">Ada Reporter<\/a> and <a class="p-author h-card" href="\/author\/bea-writer\/">Bea Writer<\/a>/,
    );
    const archive = await html('/author/bea-writer/');
    expect(archive.body).toContain('Joint investigation');
  });
});
