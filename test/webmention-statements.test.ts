/**
 * The Webmention POST path finds its target without building a page: one article lookup, one
 * read of the site settings, the row and its job in one transaction, and the status secret.
 * Measured before target resolution was split from page building: 13 statements on SQLite and
 * 12 on PostgreSQL (BEGIN and COMMIT included), with the page model's author, terms and
 * discussion queries and a second settings read among them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../src/app/site-settings.js';
import { describeEachDialect } from './support/dialects.js';
import { statementRecorder } from './support/statement-recorder.js';
import { seedArticles, startLinkbackSite, type LinkbackSite } from './support/linkback-harness.js';

const BEFORE = { sqlite: 13, postgres: 12 } as const;
/**
 * SQLite's job queue writes two statements where graphile-worker's add_job is one. Two of them
 * are the pair throttle, kept in the store so that every app process shares it: taking the
 * pair's window in the transaction, and deleting ended windows after it. One reads the enabled
 * webhooks, once per transaction, for the `discussion.received` and `discussion.held` events.
 */
const NOW = { sqlite: 12, postgres: 11 } as const;

describeEachDialect('SQL statements on the Webmention POST path', (dialect) => {
  let site: LinkbackSite;
  let target = '';
  const recorder = statementRecorder();

  beforeAll(async () => {
    site = await startLinkbackSite(dialect, {
      onQuery: recorder.onQuery,
    });
    ({
      story: { url: target },
    } = await seedArticles(site, { story: { title: 'Counted' } }));
    // The first webmention on a site also creates the status secret; count a later one.
    const warm = await site.postForm('/webmention', { source: 'https://a.example/warm', target });
    expect(warm.status).toBe(201);
  });
  afterAll(() => site?.close());

  it('runs fewer statements than when it built the page model, reading the settings once', async () => {
    const { result: res, statements } = await recorder.during(() =>
      site.postForm('/webmention', { source: 'https://a.example/post', target }),
    );
    expect(res.status).toBe(201);

    const sqls = statements.map((s) => s.sql.toLowerCase());
    expect(statements.length).toBeLessThanOrEqual(NOW[dialect.name]);
    expect(statements.length).toBeLessThan(BEFORE[dialect.name]);
    const siteSettingsReads = statements.filter(
      (s) => /from "settings"/i.test(s.sql) && s.parameters.includes(SETTINGS_KEY),
    );
    expect(siteSettingsReads).toHaveLength(1);
    // Nothing of the page model: no author, no terms, no list of the article's discussion.
    expect(sqls.filter((s) => /from "users"|"terms"|"article_terms"/.test(s))).toEqual([]);
    expect(sqls.filter((s) => /"status" = .* and "verification" in/.test(s))).toEqual([]);
    // SQLite takes the write lock up front (BEGIN IMMEDIATE, store/sqlite-driver.ts).
    expect(sqls.filter((s) => /^begin( immediate)?$/.test(s))).toHaveLength(1);
  });
});
