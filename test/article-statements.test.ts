import { afterAll, beforeAll, expect, it } from 'vitest';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { describeEachDialect } from './support/dialects.js';
import { seedArticles, startLinkbackSite, type LinkbackSite } from './support/linkback-harness.js';

describeEachDialect('SQL statements of one article page', (dialect) => {
  let site: LinkbackSite;
  let target = '';
  let recording = false;
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];

  beforeAll(async () => {
    site = await startLinkbackSite(dialect, {
      onQuery: (sql, parameters) => {
        if (recording) statements.push({ sql, parameters });
      },
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

  it('prints', async () => {
    await site.get(new URL(target).pathname, { headers: { cookie: 'newsdesk_x=1' } });
    recording = true;
    const res = await site.get(new URL(target).pathname, { headers: { cookie: 'newsdesk_x=1' } });
    recording = false;
    expect(res.status).toBe(200);
    console.log(statements.map((s) => s.sql + ' ' + JSON.stringify(s.parameters)).join('\n'));
  });
});
