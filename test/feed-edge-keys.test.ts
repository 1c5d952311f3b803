import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleEventPurgeKeys, discussionPurgeKeys } from '../src/app/cache/purge.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const keysOf = (res: Response) => (res.headers.get('surrogate-key') ?? '').split(' ');

describeEachDialect('feeds and sitemaps at the edge', (dialect) => {
  let site: SiteHarness;
  let articleId = 0;
  let path = '';
  beforeAll(async () => {
    site = await startSite(dialect);
    const { article, url } = await anArticle(site.rt.deps, await anAuthor(site.rt.deps));
    articleId = article.id;
    path = new URL(url).pathname;
  });
  afterAll(() => site?.close());

  it('tag article feeds and sitemaps with keys every article change purges', async () => {
    const purged = await articleEventPurgeKeys(
      {
        type: 'article.updated',
        articleId,
        kind: 'article',
        actorId: null,
        at: new Date(),
        url: '',
        changed: ['title'],
      },
      site.rt.deps.repos,
    );
    for (const target of [
      '/feed/',
      '/feed/atom/',
      '/feed/json/',
      '/sitemap.xml',
      '/sitemap-articles-1.xml',
    ]) {
      const res = await site.get(target);
      expect(res.status, target).toBe(200);
      expect(res.headers.get('cache-control'), target).toMatch(/^public, .*s-maxage=\d+/);
      expect(
        keysOf(res).some((k) => purged.includes(k)),
        target,
      ).toBe(true);
      expect(res.headers.get('cache-tag'), target).toBeTruthy();
    }
  });

  it("tag an article's discussion feed with the key an approved comment purges", async () => {
    const res = await site.get(`${path}feed/`);
    expect(res.status).toBe(200);
    const keys = keysOf(res);
    for (const k of discussionPurgeKeys(articleId)) expect(keys).toContain(k);
    // Not the lists' keys: a comment elsewhere, or an edit of another article, leaves it alone.
    expect(keys).not.toContain('home');
    expect(keys).not.toContain('ss');
  });
});
