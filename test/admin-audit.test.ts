/** The audit log's filters: /admin/audit over HTTP and `newsdesk audit`, the same parser behind both. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Author } from '../src/domain/article.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { cliRunner } from './support/cli-child.js';
import { describeEachDialect, testDialects } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const at = (iso: string) => new Date(iso);

/** Entries on three days by two people and the CLI. */
async function seedLog(site: SiteHarness, ines: Author, omar: Author) {
  const audit = site.rt.deps.repos.audit;
  const rows: [string, Author | 'cli', string, string][] = [
    ['2026-11-30T10:00:00Z', ines, 'auth.sign-in', 'ines'],
    ['2026-12-01T08:00:00Z', omar, 'discussion.moderate', 'item:1'],
    ['2026-12-01T12:00:00Z', ines, 'term.create', 'term:3'],
    ['2026-12-01T23:59:59Z', 'cli', 'user.role', 'user:9'],
    ['2026-12-02T07:00:00Z', omar, 'auth.sign-out', 'omar'],
  ];
  for (const [when, who, action, subject] of rows) {
    await audit.record(
      {
        actorId: who === 'cli' ? null : who.id,
        actor: who === 'cli' ? 'cli' : `user:${who.id} (${who.email})`,
        action,
        subject,
        detail: {},
        ip: null,
      },
      at(when),
    );
  }
}

describeEachDialect('admin: the audit log filters', (dialect) => {
  let site: SiteHarness;
  let owner: AdminClient;
  let ines: Author;
  let omar: Author;
  beforeAll(async () => {
    site = await startSite(dialect, { clock: () => at('2026-12-02T09:00:00Z') });
    ines = await aUser(site.rt.deps, 'owner', 'Ines');
    omar = await aUser(site.rt.deps, 'moderator', 'Omar');
    owner = new AdminClient(site.base);
    expect((await owner.signIn(ines.email, PASSWORD)).status).toBe(303);
    await seedLog(site, ines, omar);
  });
  afterAll(() => site?.close());

  const subjects = async (query: string) => {
    const res = await owner.get(`/admin/audit${query}`);
    const html = await res.text();
    const found = [...html.matchAll(/<td>(\w+:\d+|ines|omar)<\/td>/g)].map((m) => m[1]);
    return { status: res.status, html, found };
  };

  it('filters by a day range (until takes the whole day), an actor and an action or its kind', async () => {
    expect((await subjects('?since=2026-12-01&until=2026-12-01')).found).toEqual([
      'user:9',
      'term:3',
      'item:1',
    ]);
    expect((await subjects('?since=2026-12-01T12:00Z')).found).toEqual([
      'omar',
      'user:9',
      'term:3',
    ]);
    expect(
      (await subjects(`?actor=${encodeURIComponent(omar.email.toUpperCase())}`)).found,
    ).toEqual(['omar', 'item:1']);
    expect((await subjects(`?actor=user:${ines.id}&until=2026-11-30`)).found).toEqual(['ines']);
    expect((await subjects('?actor=cli')).found).toEqual(['user:9']);
    expect((await subjects('?action=auth')).found).toEqual(['omar', 'ines']);
    expect((await subjects('?action=term.create')).found).toEqual(['term:3']);
    // A kind matches whole names only: "aut" is not "auth".
    expect((await subjects('?action=aut')).found).toEqual([]);
  });

  it('pages back through older entries with the filters kept', async () => {
    for (let i = 0; i < 55; i++) {
      await site.rt.deps.repos.audit.record(
        {
          actorId: null,
          actor: 'system',
          action: 'job.run',
          subject: `job:${i}`,
          detail: {},
          ip: null,
        },
        at('2026-12-02T08:00:00Z'),
      );
    }
    const first = await subjects('?action=job');
    expect(first.found).toHaveLength(50);
    const older = /href="(\/admin\/audit\?action=job&amp;before=\d+)"/.exec(first.html)?.[1];
    expect(older).toBeDefined();
    const second = await subjects((older ?? '').replace('/admin/audit', '').replace('&amp;', '&'));
    expect(second.found).toHaveLength(5);
    expect(second.html).toContain('Newest entries');
    expect(second.html).not.toContain('Older entries');
  });

  it('bad filters get a 400 naming each field, with what was typed kept and escaped', async () => {
    const bad = await subjects(
      `?since=yesterday&until=2026-02-30&action=${encodeURIComponent('<b>x</b>')}&before=-1`,
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('since: a date such as 2026-12-01');
    expect(bad.html).toContain('until: a date such as 2026-12-01');
    expect(bad.html).toContain('action: a name such as auth.sign-in');
    expect(bad.html).toContain('before: an entry id');
    expect(bad.html).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    const reversed = await subjects('?since=2026-12-02&until=2026-12-01');
    expect(reversed.status).toBe(400);
    expect(reversed.html).toContain('until: must not be before since');
    const long = await subjects(`?actor=${'a'.repeat(3000)}`);
    expect(long.status).toBe(400);
    expect(long.html).toContain('actor: at most 200 characters');
  });

  it('only owners and editors may read it', async () => {
    const moderator = new AdminClient(site.base);
    await moderator.signIn(omar.email, PASSWORD);
    expect((await moderator.get('/admin/audit?action=auth')).status).toBe(403);
  });
});

const [sqlite] = testDialects();
describe('newsdesk audit: the same filters from the shell', () => {
  let site: SiteHarness;
  let newsdesk: ReturnType<typeof cliRunner>;
  beforeAll(async () => {
    if (!sqlite) throw new Error('no dialect');
    site = await startSite(sqlite);
    const ines = await aUser(site.rt.deps, 'owner', 'Ines');
    await seedLog(site, ines, await aUser(site.rt.deps, 'moderator', 'Omar'));
    const db = site.rt.config.database;
    if (db.kind !== 'sqlite') throw new Error('expected SQLite');
    newsdesk = cliRunner(db.file);
  });
  afterAll(() => site?.close());

  it('--since, --until, --actor and --action narrow the log as the admin does', () => {
    const r = newsdesk([
      'audit',
      '--since',
      '2026-12-01',
      '--until',
      '2026-12-01',
      '--action',
      'discussion',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.out) as { subject: string }[];
    expect(entries.map((e) => e.subject)).toEqual(['item:1']);
    const cli = newsdesk(['audit', '--actor', 'cli']);
    expect(cli.out.trim().split('\n')).toHaveLength(1);
    expect(cli.out).toContain('user.role');
  });

  it('a bad filter is a usage error that names the flag', () => {
    const r = newsdesk(['audit', '--since', 'last week']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--since: a date such as 2026-12-01');
  });
});
