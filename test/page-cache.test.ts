import { afterEach, expect, it } from 'vitest';
import { openStore } from '../src/store/database.js';
import { repositories } from '../src/store/repositories/index.js';
import { permalinkPath } from '../src/domain/permalink.js';
import { renderVisitorMarkdown } from '../src/render/markdown.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('page cache', (dialect) => {
  let site: SiteHarness | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  const comment = (articleId: number, text: string) => ({
    articleId,
    kind: 'comment' as const,
    protocol: null,
    type: 'comment' as const,
    status: 'approved' as const,
    parentId: null,
    authorName: 'Reader',
    authorUrl: null,
    authorEmail: null,
    authorIp: null,
    authorUserAgent: null,
    sourceUrl: null,
    sourceKey: null,
    targetUrl: null,
    title: null,
    contentHtml: renderVisitorMarkdown(text),
    contentSource: text,
    verification: 'not-required' as const,
  });

  it('serves a write from another process on the very next request', async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Cached story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    expect(await (await site.get(path)).text()).not.toContain('first remark');
    await site.get(path); // now served from the cache
    // A second connection stands in for another app or worker process.
    const other = openStore(site.rt.config.database);
    try {
      await repositories(other.db).discussion.insert(
        comment(article.id, 'first remark'),
        new Date(),
      );
    } finally {
      await other.close();
    }
    expect(await (await site.get(path)).text()).toContain('first remark');
  });

  it('re-renders when a time-based rule closes the comments', async () => {
    let now = new Date('2026-05-01T12:00:00Z');
    site = await startSite(dialect, { clock: () => now });
    const deps = site.rt.deps;
    const { updateSiteSettings } = await import('../src/app/site-settings.js');
    await updateSiteSettings(deps.repos.settings, { discussion: { closeCommentsAfterDays: 2 } });
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Ageing story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? now, 'Europe/London');
    expect(await (await site.get(path)).text()).toContain(
      'Comments, trackbacks and pingbacks are open.',
    );
    now = new Date('2026-05-03T12:00:01Z');
    expect(await (await site.get(path)).text()).toContain(
      'Comments are closed, but trackbacks and pingbacks are open.',
    );
  });

  it('gives every response a comment-form token of its own second, cached or not, and no validator', async () => {
    let now = new Date('2026-05-01T12:00:00Z');
    site = await startSite(dialect, { clock: () => now });
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Open story' });
    const path = permalinkPath(article.slug, article.publishedAt ?? now, 'Europe/London');
    const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];
    const first = await site.get(path);
    // A 304 would keep a reader on an old token, so a page with a form has no ETag.
    expect(first.headers.get('etag')).toBeNull();
    const t1 = tokenOf(await first.text());
    now = new Date(now.getTime() + 5_000);
    const t2 = tokenOf(await (await site.get(path)).text());
    expect(t1).toMatch(new RegExp(`^${article.id}\\.${Date.parse('2026-05-01T12:00:00Z')}\\.`));
    expect(t2).toMatch(new RegExp(`^${article.id}\\.${Date.parse('2026-05-01T12:00:05Z')}\\.`));
    now = new Date(now.getTime() + 400);
    // Within the same second, responses share one token (one HMAC a second per article).
    const t3 = tokenOf(await (await site.get(path)).text());
    expect(t3).toBe(t2);
    expect((await site.get(path, { headers: { 'if-none-match': '*' } })).status).toBe(200);
  });

  it('fills only the form, never a comment that quotes a token mark', async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const { article } = await anArticle(deps, await anAuthor(deps), { title: 'Quoted story' });
    const quoted = `__newsdesk_form_token_${article.id}__`;
    await deps.repos.discussion.insert(comment(article.id, `look: \`${quoted}\``), new Date());
    const path = permalinkPath(article.slug, article.publishedAt ?? new Date(), 'Europe/London');
    for (const response of [await site.get(path), await site.get(path)]) {
      const html = await response.text();
      expect(html).toContain(quoted);
      expect(html).toMatch(/name="token" value="\d+\.\d+\.[\w-]{43}"/);
      expect(html).not.toMatch(/__newsdesk_token_/);
    }
  });

  it('answers 304 from the cache when the ETag matches', async () => {
    site = await startSite(dialect);
    const first = await site.get('/');
    const etag = first.headers.get('etag') ?? '';
    await site.get('/');
    const again = await site.get('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toContain("script-src 'none'");
  });
});
