/**
 * What one article page reads: the article by its slug together with its bylines and their users,
 * its terms, its correction notes and its reactions (one statement, and none while the page's
 * revision is unchanged), the site settings once, and its public discussion, and nothing per
 * discussion item or per part of the page. The
 * discussion list is one statement whatever the number of items (50 here would be the bench's
 * article; 3 are enough to show it is not one per item), and none while the discussion's revision
 * is unchanged; the navigation and related stories are kept while the content version is.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SETTINGS_KEY } from '../src/app/site-settings.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect } from './support/dialects.js';
import { statementRecorder } from './support/statement-recorder.js';
import { seedArticles, startLinkbackSite, type LinkbackSite } from './support/linkback-harness.js';

describeEachDialect('SQL statements of one article page', (dialect) => {
  let site: LinkbackSite;
  let target = '';
  let storyId = 0;
  const recorder = statementRecorder();

  const comment = (articleId: number, i: number) => ({
    articleId,
    kind: 'comment' as const,
    protocol: null,
    type: 'comment' as const,
    status: 'approved' as const,
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
    verification: 'not-required' as const,
  });

  beforeAll(async () => {
    // No page cache: every request renders, which is what is counted.
    site = await startLinkbackSite(dialect, {
      onQuery: recorder.onQuery,
      env: { NEWSDESK_PAGE_CACHE_MB: '0' },
    });
    const seeded = await seedArticles(site, { story: { title: 'Counted' } });
    target = seeded.story.url;
    const deps = site.rt.deps;
    storyId = seeded.story.id;
    for (let i = 0; i < 3; i++) {
      await deps.repos.discussion.insert(comment(seeded.story.id, i), deps.clock());
    }
  });
  afterAll(() => site?.close());

  const counted = async (path: string, shows: string) => {
    const { result: res, statements } = await recorder.during(() => site.get(path));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(shows);
    const sqls = statements.map((s) => s.sql.toLowerCase());
    const count = (re: RegExp) => sqls.filter((s) => re.test(s)).length;
    expect(
      statements.filter(
        (s) => /from "settings"/i.test(s.sql) && s.parameters.includes(SETTINGS_KEY),
      ),
    ).toHaveLength(1);
    // The page's revision (migration 0027) says whether the kept article and extras still hold,
    // the discussion's (migration 0022) whether the kept items do.
    expect(count(/from "article_page_revisions"/)).toBe(0);
    expect(count(/join "article_page_revisions"/)).toBe(1);
    expect(count(/from "discussion_revisions"/)).toBe(1);
    /** The article's own statement: its row, bylines and users, terms, notes and reactions. */
    const articleRead = () => {
      const n = count(/from "articles" where "slug"/);
      if (n > 0) {
        expect(count(/join "users"/)).toBe(n);
        expect(count(/from "article_corrections"/)).toBe(n);
        expect(count(/from "fediverse_reactions"/)).toBe(n);
      }
      return n;
    };
    return { statements, count, articleRead };
  };

  it('reads the article, the settings, the bylines, the terms, the notes and the discussion once each', async () => {
    // The first render also creates the comment form's secret; count later ones.
    const path = new URL(target).pathname;
    expect((await site.get(path)).status).toBe(200);

    // Nothing changed since: the article, the discussion, the navigation and the related
    // stories are kept; what is read is the two revisions and the settings.
    const kept = await counted(path, 'Comment 2');
    expect(kept.articleRead()).toBe(0);
    expect(kept.count(/from "discussion_items"/)).toBe(0);
    expect(kept.count(/"article_terms"/)).toBe(0);
    expect(kept.count(/from "terms" where "kind" = (\$1|\?) and "parent_id" is null/)).toBe(0);
    expect(kept.count(/as "shared"/)).toBe(0);
    expect(kept.statements).toHaveLength(3);

    // A new comment changes the discussion and the content version, not the article's rows:
    // the discussion list is read again in one statement whatever the number of items.
    const deps = site.rt.deps;
    await deps.repos.discussion.insert(comment(storyId, 3), deps.clock());
    const fresh = await counted(path, 'Comment 3');
    expect(fresh.articleRead()).toBe(0);
    expect(fresh.count(/from "discussion_items"/)).toBe(1);
    // The reader features: the masthead's sections and the footer's pages, and the related
    // articles (their terms in a subquery).
    expect(fresh.count(/"article_terms"/)).toBe(1);
    expect(fresh.count(/from "terms" where "kind" = (\$1|\?) and "parent_id" is null/)).toBe(1);
    expect(fresh.count(/from "articles" where "kind" = (\$1|\?)/)).toBe(1);
    expect(fresh.count(/as "shared"/)).toBe(1);
    // The two revisions, the settings, the items, the sections, the pages, the related stories.
    expect(fresh.statements).toHaveLength(7);

    // An edit to the article's row (raw SQL, as another process would write) moves its page's
    // revision: the article and all its extras are read again, in one statement.
    await sql`update articles set title = 'Counted again' where id = ${storyId}`.execute(
      site.rt.store.db,
    );
    const edited = await counted(path, 'Counted again');
    expect(edited.articleRead()).toBe(1);
    expect(edited.count(/from "discussion_items"/)).toBe(0);
  });
});
