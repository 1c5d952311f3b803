import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSS_HREF } from '../src/web/assets.js';
import { describeEachDialect } from './support/dialects.js';
import {
  seedArticles,
  startLinkbackSite,
  type LinkbackSite,
  type SeededArticle,
} from './support/linkback-harness.js';

/** The site's own page: doctype, language, a title, landmarks and the stylesheet. */
const expectSitePage = (html: string) => {
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toMatch(/<html lang="[a-z]{2}/);
  expect(html).toMatch(/<title>[^<]+<\/title>/);
  expect(html).toContain('<main');
  expect(html).toContain(`href="${CSS_HREF}"`);
};

describeEachDialect('public error pages', (dialect) => {
  let site: LinkbackSite;
  let story: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect);
    ({ story } = await seedArticles(site, { story: { title: 'Status story' } }));
  });
  afterAll(() => site?.close());

  it('an unknown page or asset → 404 with the site’s HTML error page, not bare text', async () => {
    for (const path of ['/no-such-page/', '/assets/x.css', '/trackback/', '/webmention/nope']) {
      const res = await site.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      const html = await res.text();
      expectSitePage(html);
      expect(html).toContain('Page not found');
    }
  });

  it('the Webmention status page is a site page, found or not', async () => {
    const sent = await site.postForm('/webmention', {
      source: 'https://status.test/post',
      target: story.url,
    });
    expect(sent.status).toBe(201);
    const location = new URL(sent.headers.get('location') ?? '');
    const found = await site.get(location.pathname);
    expect(found.status).toBe(200);
    const html = await found.text();
    expectSitePage(html);
    expect(html).toContain('data-state="queued"');
    const missing = await site.get('/webmention/status/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(missing.status).toBe(404);
    expectSitePage(await missing.text());
  });
});
