/**
 * What one article page reads: the article by its slug, the site settings once, its bylines and
 * their users, its terms, its correction notes and its public discussion, and nothing per
 * discussion item or per part of the page. The
 * discussion list is one statement whatever the number of items (50 here would be the bench's
 * article; 3 are enough to show it is not one per item).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../src/app/site-settings.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect } from './support/dialects.js';
import { statementRecorder } from './support/statement-recorder.js';
import { seedArticles, startLinkbackSite, type LinkbackSite } from './support/linkback-harness.js';

describeEachDialect('SQL statements of one article page', (dialect) => {
  let site: LinkbackSite;
  let target = '';
  const recorder = statementRecorder();

  beforeAll(async () => {
    // No page cache: every request renders, which is what is counted.
    site = await startLinkbackSite(dialect, {
      onQuery: recorder.onQuery,
      env: { NEWSDESK_PAGE_CACHE_MB: '0' },
    });
    const seeded = await seedArticles(site, { story: { title: 'Counted' } });
    target = seeded.story.url;
    const deps = site.rt.deps;
    for (let i = 0; i < 3; i++) {
      await deps.repos.discussion.insert(
        {
          articleId: seeded.story.id,
          kind: 'comment',
          protocol: null,
          type: 'comment',
          status: 'approved',
          parentId: null,
          authorName: `Reader ${i}`,
          authorUrl: null,
          authorEmail: `r${i}@example.org`,
          authorIp: null,
          authorUserAgent: null,
          sourceUrl: null,
          sourceKey: null,
          targetUrl: null,
          title: null,
          contentHtml: trustStoredHtml(`<p>Comment ${i}</p>`),
          contentSource: `Comment ${i}`,
          verification: 'not-required',
        },
        deps.clock(),
      );
    }
  });
  afterAll(() => site?.close());

  it('reads the article, the settings, the bylines, the terms, the notes and the discussion once each', async () => {
    // The first render also creates the comment form's secret; count a later one.
    const path = new URL(target).pathname;
    expect((await site.get(path)).status).toBe(200);
    const { result: res, statements } = await recorder.during(() => site.get(path));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Comment 2');

    const sqls = statements.map((s) => s.sql.toLowerCase());
    const count = (re: RegExp) => sqls.filter((s) => re.test(s)).length;
    expect(count(/from "articles" where "slug"/)).toBe(1);
    expect(
      statements.filter(
        (s) => /from "settings"/i.test(s.sql) && s.parameters.includes(SETTINGS_KEY),
      ),
    ).toHaveLength(1);
    expect(count(/join "users"/)).toBe(1);
    expect(count(/"article_terms"/)).toBe(2);
    expect(count(/from "article_corrections"/)).toBe(1);
    expect(count(/from "discussion_items"/)).toBe(1);
    // The reader features: the masthead's sections and the footer's pages, and the related
    // articles (their terms in a subquery).
    expect(count(/from "terms" where "kind" = (\$1|\?) and "parent_id" is null/)).toBe(1);
    expect(count(/from "articles" where "kind" = (\$1|\?)/)).toBe(1);
    expect(count(/as "shared"/)).toBe(1);
    expect(statements).toHaveLength(9);
  });
});
