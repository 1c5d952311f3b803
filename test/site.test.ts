import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permalinkPath } from '../src/domain/permalink.js';
import { seedDemoContent } from '../src/main/demo-content.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const HOSTILE = `<script>window.__xss=1</script><img src=x onerror=alert(1)>"'&`;

describeEachDialect('public site', (dialect) => {
  let site: SiteHarness;
  beforeAll(async () => {
    site = await startSite(dialect);
    await seedDemoContent(site.rt.deps);
  });
  afterAll(() => site.close());

  const html = async (path: string) => {
    const res = await site.get(path);
    return { res, body: await res.text() };
  };

  it('serves the front page with the latest stories first', async () => {
    const { res, body } = await html('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const first = body.indexOf('Night buses return');
    const later = body.indexOf('A small telescope');
    expect(first).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(first);
    expect(body).toContain('<link rel="canonical" href="http://news.test/"');
  });

  it('shows the exact sentence on the demo article whose comments are closed', async () => {
    const { body: home } = await html('/');
    const path =
      /href="(\/\d{4}\/\d{2}\/why-the-councils-budget-vote-was-delayed-explained\/)"/.exec(
        home,
      )?.[1];
    expect(path).toBeDefined();
    const { res, body } = await html(path ?? '');
    expect(res.status).toBe(200);
    expect(body).toContain('Comments are closed, but trackbacks and pingbacks are open.');
  });

  it('renders an article with headline, byline, terms, microformats and metadata', async () => {
    const { body: home } = await html('/');
    const path = /href="(\/\d{4}\/\d{2}\/night-buses[^"]*)"/.exec(home)?.[1] ?? '';
    const { body } = await html(path);
    expect(body).toContain('<h1 class="headline p-name">Night buses return');
    expect(body).toContain('class="h-entry"');
    expect(body).toContain('class="p-author h-card"');
    expect(body).toContain('class="dt-published"');
    expect(body).toContain('href="/category/transport/"');
    expect(body).toContain('rel="tag" href="/tag/buses/"');
    expect(body).toContain('"@type":"NewsArticle"');
    expect(body).toContain('<meta name="description"');
    expect(body).toMatch(/class="comment p-comment h-entry" id="comment-\d+"/);
    // The reply to a reply is nested two levels deep.
    expect(body.match(/<ol>/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('answers a conditional GET with 304 when the ETag matches', async () => {
    const first = await site.get('/');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const second = await site.get('/', { headers: { 'If-None-Match': etag ?? '' } });
    expect(second.status).toBe(304);
  });

  it('lists category (with subcategories), tag and author archives', async () => {
    const city = await html('/category/city/');
    expect(city.res.status).toBe(200);
    expect(city.body).toContain('Category: City');
    expect(city.body).toContain('Night buses return');
    expect((await html('/tag/astronomy/')).body).toContain('A small telescope');
    expect((await html('/author/tom-okafor/')).body).toContain('Stories by Tom Okafor');
    expect((await html('/tag/no-such-tag/')).res.status).toBe(404);
  });

  it('answers 404 with a page for unknown paths and pages past the end', async () => {
    const { res, body } = await html('/2020/01/never-written/');
    expect(res.status).toBe(404);
    expect(body).toContain('Page not found');
    expect((await html('/page/99/')).res.status).toBe(404);
  });

  it('redirects a wrong month, a missing slash and an old slug with 301', async () => {
    const deps = site.rt.deps;
    const author = await anAuthor(deps, 'Slug Tester');
    const { article } = await anArticle(deps, author, { title: 'Original headline' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    expect((await site.get(path.replace(/\/$/, ''))).headers.get('location')).toBe(path);
    const wrongMonth = path.replace(
      /\/(\d{2})\//,
      (_m, mm: string) => `/${mm === '01' ? '02' : '01'}/`,
    );
    expect((await site.get(wrongMonth)).status).toBe(301);
    await deps.repos.articles.recordOldPath(article.id, '/2019/03/old-headline/', new Date());
    const old = await site.get('/2019/03/old-headline/');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(path);
  });

  it('answers 410 for a deleted article', async () => {
    const deps = site.rt.deps;
    const author = await anAuthor(deps, 'Gone Tester');
    const { article } = await anArticle(deps, author, { title: 'Soon removed' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    await deps.repos.articles.markDeleted(article.id, new Date());
    const { res, body } = await html(path);
    expect(res.status).toBe(410);
    expect(body).toContain('This story was removed');
  });

  it('does not show drafts or scheduled articles', async () => {
    const deps = site.rt.deps;
    const author = await anAuthor(deps, 'Draft Tester');
    const draft = await anArticle(deps, author, {
      title: 'Secret draft',
      publish: { kind: 'draft' },
    });
    const later = await anArticle(deps, author, {
      title: 'Embargoed story',
      publish: { kind: 'at', at: new Date(Date.now() + 86_400_000) },
    });
    const { body } = await html('/');
    expect(body).not.toContain('Secret draft');
    expect(body).not.toContain('Embargoed story');
    const path = permalinkPath(later.article.slug, later.article.publishedAt ?? new Date(), 'UTC');
    expect((await site.get(path)).status).toBe(404);
    expect(draft.article.status).toBe('draft');
  });

  it('escapes hostile titles, excerpts, names and terms on every page', async () => {
    const deps = site.rt.deps;
    const author = await anAuthor(deps, `Evil ${HOSTILE}`);
    const { article } = await anArticle(deps, author, {
      title: `Title ${HOSTILE}`,
      excerpt: `Excerpt ${HOSTILE}`,
      bodyMarkdown: `Body ${HOSTILE}\n\n<iframe src="javascript:alert(1)"></iframe><a href="javascript:alert(1)">x</a>`,
      categories: [`Cat ${HOSTILE}`],
      tags: [`Tag ${HOSTILE}`],
    });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    const terms = (await deps.repos.terms.forArticles([article.id])).get(article.id) ?? [];
    expect(terms.length).toBeGreaterThanOrEqual(2);
    const pages = [
      path,
      '/',
      `/author/${author.slug}/`,
      ...terms.map((t) => `/${t.kind}/${t.slug}/`),
    ];
    for (const p of pages) {
      const { res, body } = await html(p);
      expect(res.status, p).toBe(200);
      expect(body, p).not.toContain('<script>window.__xss');
      expect(body, p).not.toMatch(/<img[^>]*onerror/i);
      expect(body, p).not.toContain('<iframe');
      expect(body, p).not.toContain('href="javascript:');
      expect(body, p).toContain('&lt;script&gt;');
    }
  });
});

describe('demo content', () => {
  it('is never written into a database that already has content', async () => {
    const [sqlite] = (await import('./support/dialects.js')).testDialects();
    if (!sqlite) throw new Error('no dialect');
    const site = await startSite(sqlite);
    try {
      await anAuthor(site.rt.deps, 'Existing User');
      expect(await seedDemoContent(site.rt.deps)).toBe(false);
      expect(await site.rt.deps.repos.articles.count()).toBe(0);
    } finally {
      await site.close();
    }
  });
});
