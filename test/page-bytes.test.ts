/**
 * The public pages, byte for byte: an article with 50 discussion items (comments with replies,
 * webmention replies, reactions and mentions, a correction, two bylines, categories and tags), a
 * comments page 2, the home page, a category archive, a static page and the 404 page, each compared
 * with a file rendered before the render path was rewritten for speed (issue 10). Every field a
 * visitor or an editor can write holds markup-like text (`<`, `&`, quotes, a closing `</script>`)
 * so the files also pin how each one is escaped. The clock is fixed; the only part that varies
 * between runs, the comment form's token, is replaced by a placeholder before comparing.
 *
 * Regenerate the files only for an intended change of the markup:
 *   npx vitest run test/page-bytes.test.ts -u
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { correctArticle } from '../src/app/articles/correct-article.js';
import { updateSiteSettings } from '../src/app/site-settings.js';
import type { AppDeps } from '../src/app/deps.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

/** Markup-like text for every field a person writes; escaped wherever it shows. */
const HOSTILE = `<b>"Quotes" & 'apostrophes'</b></script><!-- x --> é ✓`;

const START = Date.UTC(2026, 2, 10, 9, 30, 0);

function fixedClock() {
  let now = START;
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** The comment form's token changes with its secret; everything else on a page is fixed. */
const masked = (html: string) =>
  html.replace(/name="token" value="[^"]*"/g, 'name="token" value="TOKEN"');

describeEachDialect('the public pages, byte for byte', (dialect) => {
  let site: SiteHarness;
  const time = fixedClock();
  const paths: Record<string, string> = {};

  const item = (
    articleId: number,
    i: number,
    over: Partial<Parameters<AppDeps['repos']['discussion']['insert']>[0]> = {},
  ) => ({
    articleId,
    kind: 'comment' as const,
    protocol: null,
    type: 'comment' as const,
    status: 'approved' as const,
    parentId: null,
    authorName: `Reader ${i} ${HOSTILE}`,
    authorUrl: i % 3 === 0 ? `https://reader${i}.example/?a=1&b="2"` : null,
    authorEmail: `r${i}@example.org`,
    authorIp: null,
    authorUserAgent: null,
    sourceUrl: null,
    sourceKey: null,
    targetUrl: null,
    title: null,
    contentHtml: trustStoredHtml(`<p>Comment ${i} &lt;b&gt; &amp; “quoted”</p>`),
    contentSource: `Comment ${i}`,
    verification: 'not-required' as const,
    ...over,
  });

  beforeAll(async () => {
    site = await startSite(dialect, {
      clock: time.clock,
      env: { NEWSDESK_PAGE_CACHE_MB: '0', NEWSDESK_SITE_TITLE: `Desk ${HOSTILE}` },
    });
    const deps = site.rt.deps;
    await updateSiteSettings(deps.repos.settings, { description: `Tagline ${HOSTILE}` });
    const ada = await anAuthor(deps, 'Ada Reporter');
    const bob = await anAuthor(deps, `Bob ${HOSTILE}`);
    await anArticle(deps, ada, {
      kind: 'page',
      title: `About ${HOSTILE}`,
      slug: 'about',
      bodyMarkdown: 'Who we are.',
    });
    for (let i = 0; i < 3; i++) {
      time.advance(3_600_000);
      await anArticle(deps, ada, {
        title: `Older story ${i} ${HOSTILE}`,
        standfirst: `Standfirst ${i} ${HOSTILE}`,
        categories: [`Politics ${HOSTILE}`],
        tags: [`tag ${i}`],
      });
    }
    time.advance(3_600_000);
    const fifty = await anArticle(deps, ada, {
      title: `Fifty items ${HOSTILE}`,
      standfirst: `Standfirst ${HOSTILE}`,
      excerpt: `Excerpt ${HOSTILE}`,
      coAuthorIds: [bob.id],
      categories: [`Politics ${HOSTILE}`, 'World'],
      tags: ['budget', `odd ${HOSTILE}`],
      bodyMarkdown: `A body with *emphasis*, a [link](https://example.org/?a=1&b=2) and code \`<x>\`.\n\n> quoted\n`,
    });
    time.advance(120_000);
    const corrected = await correctArticle(deps, {
      articleId: fifty.article.id,
      editorId: ada.id,
      note: `We misspelt a name ${HOSTILE}`,
    });
    if (!corrected.ok) throw new Error(corrected.error.message);
    paths.article = new URL(corrected.value.url).pathname;
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      time.advance(60_000);
      const parentId = i % 4 === 3 ? (ids[i - 1] ?? null) : null;
      const saved = await deps.repos.discussion.insert(
        item(fifty.article.id, i, { parentId }),
        deps.clock(),
      );
      ids.push(saved.id);
    }
    const linkbackTypes = ['reply', 'like', 'repost', 'mention', 'mention'] as const;
    for (let i = 0; i < 10; i++) {
      time.advance(60_000);
      const type = linkbackTypes[i % linkbackTypes.length]!;
      await deps.repos.discussion.insert(
        item(fifty.article.id, 100 + i, {
          kind: 'linkback',
          protocol: 'webmention',
          type,
          authorUrl: `https://site${i}.example/`,
          sourceUrl: `https://site${i}.example/post?x=1&y="${i}"`,
          sourceKey: `https://site${i}.example/post?x=1&y="${i}"`,
          targetUrl: `${site.base}${paths.article}`,
          title: `Linkback title ${i} ${HOSTILE}`,
          contentHtml: trustStoredHtml(`<p>Said elsewhere ${i}</p>`),
          contentSource: null,
          verification: 'verified',
        }),
        deps.clock(),
      );
    }
    time.advance(3_600_000);
    const long = await anArticle(deps, ada, {
      title: `Long thread ${HOSTILE}`,
      categories: ['World'],
    });
    for (let i = 0; i < 60; i++) {
      time.advance(1_000);
      await deps.repos.discussion.insert(item(long.article.id, 200 + i), deps.clock());
    }
    paths.commentsPage2 = `${new URL(long.url).pathname}?cpage=2`;
    time.advance(60_000);
  });
  afterAll(() => site?.close());

  const page = async (path: string, status = 200) => {
    const res = await site.get(path);
    expect(res.status, path).toBe(status);
    return masked(await res.text());
  };

  it('renders the article with 50 discussion items as before', async () => {
    const html = await page(paths.article!);
    expect(html).toContain('Reader 39');
    expect(html).not.toContain(HOSTILE);
    await expect(html).toMatchFileSnapshot('./fixtures/pages/article-50-items.html');
  });

  it('renders the second page of a long comment thread as before', async () => {
    const html = await page(paths.commentsPage2!);
    expect(html).toContain('Comment page 2 of 2');
    await expect(html).toMatchFileSnapshot('./fixtures/pages/comments-page-2.html');
  });

  it('renders the home page as before', async () => {
    await expect(await page('/')).toMatchFileSnapshot('./fixtures/pages/home.html');
  });

  it('renders a category archive as before', async () => {
    await expect(await page('/category/world/')).toMatchFileSnapshot(
      './fixtures/pages/category-archive.html',
    );
  });

  it('renders a static page and the 404 page as before', async () => {
    await expect(await page('/about/')).toMatchFileSnapshot('./fixtures/pages/static-page.html');
    await expect(await page('/no-such-page/', 404)).toMatchFileSnapshot(
      './fixtures/pages/not-found.html',
    );
  });
});
