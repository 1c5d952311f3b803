/**
 * The editing commands (`article show|update|revisions|revision|diff|restore|correct`, and
 * `article create`'s new options) run through the CLI's entry point against a real database of
 * each dialect: what they print, their exit codes, and what they make of malformed, oversized and
 * hostile input. (test/editorial-e2e.test.ts runs the built binary against a running server.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-edit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const lastLine = (s: string) => s.trim().split('\n').at(-1) ?? '';
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

describeEachDialect('article editing commands', (dialect) => {
  let store: TestStore;
  let config: Config;
  let id = '';
  let url = '';

  async function newsdesk(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
      () => config,
    );
    return { code, out: `${out.join('\n')}\n`, err: err.join('\n') };
  }
  const showJson = async (ref: string) =>
    json((await newsdesk('article', 'show', ref, '--json')).out);

  afterAll(() => store.dispose());

  beforeAll(async () => {
    store = await dialect.open();
    config = loadConfig({
      ...store.env,
      NEWSDESK_SITE_URL: 'https://news.example',
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_DEMO_CONTENT: '0',
    });
    expect((await newsdesk('migrate')).code).toBe(0);
    const admin = await newsdesk(
      'user',
      'add',
      '--email',
      'chief@example.org',
      '--name',
      'Chief Editor',
      '--role',
      'admin',
    );
    expect(admin.code, admin.err).toBe(0);
    const writer = await newsdesk(
      'user',
      'add',
      '--email',
      'wri@example.org',
      '--name',
      'Wri Ter',
      '--role',
      'author',
    );
    expect(writer.code, writer.err).toBe(0);
    // No --author: the site's only admin writes it.
    const r = await newsdesk(
      'article',
      'create',
      '--title',
      'Storm closes harbour',
      '--body-file',
      file('storm.md', 'The harbour closed at noon.\n\nBoats stayed in.'),
      '--publish',
    );
    expect(r.code, r.err).toBe(0);
    id = /article (\d+) published/.exec(r.out)?.[1] ?? '';
    url = lastLine(r.out);
    expect(url).toMatch(/^https:\/\/news\.example\/\d{4}\/\d{2}\/storm-closes-harbour\/$/);
  });

  it('creates with a standfirst, co-authors in order, an unpublish time and no linkback sending', async () => {
    const r = await newsdesk(
      'article',
      'create',
      '--title',
      'Joint report',
      '--body-file',
      file('joint.md', 'Body.'),
      '--author',
      'wri@example.org',
      '--author',
      'chief@example.org',
      '--standfirst',
      'Two reporters, one story.',
      '--unpublish-at',
      '2099-01-01T00:00:00Z',
      '--no-linkbacks-send',
      '--publish',
    );
    expect(r.code, r.err).toBe(0);
    const shown = await newsdesk('article', 'show', lastLine(r.out), '--json');
    expect(shown.code, shown.err).toBe(0);
    const j = json(shown.out);
    expect(j).toMatchObject({
      title: 'Joint report',
      standfirst: 'Two reporters, one story.',
      unpublishAt: '2099-01-01T00:00:00.000Z',
      linkbacksSend: false,
      revision: 1,
    });
    expect((j.bylines as { email: string }[]).map((b) => b.email)).toEqual([
      'wri@example.org',
      'chief@example.org',
    ]);
  });

  it('shows an article by id, by URL and by path, and refuses what names none', async () => {
    const byId = await newsdesk('article', 'show', id);
    expect(byId.code, byId.err).toBe(0);
    expect(byId.out).toContain('title          Storm closes harbour');
    expect(byId.out).toContain('The harbour closed at noon.');
    expect((await showJson(url)).id).toBe(Number(id));
    expect((await showJson(new URL(url).pathname)).id).toBe(Number(id));
    const cases: [string, number, string][] = [
      ['999999', 66, 'no article with id 999999'],
      ['https://elsewhere.example/2026/12/storm-closes-harbour/', 65, 'is not this site'],
      ['javascript:alert(1)', 65, 'is not this site'],
      ['not a url at all', 65, 'not an article id, URL or path'],
      ['https://news.example/2026/12/no-such-story/', 66, 'no article at'],
      ['x'.repeat(5000), 65, 'name an article by its id'],
    ];
    for (const [ref, code, message] of cases) {
      const r = await newsdesk('article', 'show', ref);
      expect(r.code, ref).toBe(code);
      expect(r.err).toContain(message);
    }
    expect((await newsdesk('article', 'show')).code).toBe(64);
    // A draft has no public URL yet, but the one it was given names it.
    const draft = await newsdesk(
      'article',
      'create',
      '--title',
      'Unpublished draft',
      '--body-file',
      file('draft.md', 'Not yet.'),
    );
    expect(draft.code, draft.err).toBe(0);
    expect((await showJson(lastLine(draft.out))).status).toBe('draft');
    const help = await newsdesk('article', '--help');
    expect(help.out).toContain('newsdesk article diff ID|URL REV [REV|current]');
  });

  it('updates title, slug and body, prints the revision and the old URL that now redirects', async () => {
    const r = await newsdesk(
      'article',
      'update',
      id,
      '--title',
      'Storm closes harbour for a second day',
      '--slug',
      '../../Harbour/Closed',
      '--body-file',
      file('storm2.md', 'The harbour stayed closed.\n\nBoats stayed in.'),
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`article ${id} published: revision 2 changed title, slug, body`);
    expect(r.out).toContain(`${url} now answers 301 to the new URL`);
    const next = lastLine(r.out);
    expect(next).toMatch(/\/harbour-closed\/$/);
    url = next;
    // Saving the same again changes nothing.
    const same = await newsdesk(
      'article',
      'update',
      url,
      '--title',
      'Storm closes harbour for a second day',
    );
    expect(same.code, same.err).toBe(0);
    expect(same.out).toContain(`article ${id}: no change`);
  });

  it('lists revisions, shows one, diffs them and restores one as a new revision', async () => {
    const list = await newsdesk('article', 'revisions', id);
    expect(list.code, list.err).toBe(0);
    const rows = list.out.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^2\t\S+\tChief Editor\tedit\ttitle, slug, body$/);
    expect(json((await newsdesk('article', 'revisions', id, '--json')).out)).toHaveLength(2);

    const rev = await newsdesk('article', 'revision', id, '1');
    expect(rev.code, rev.err).toBe(0);
    expect(rev.out).toContain('title          Storm closes harbour');

    const d = await newsdesk('article', 'diff', id, '2');
    expect(d.code, d.err).toBe(0);
    expect(d.out).toContain(
      'title:\n- Storm closes harbour\n+ Storm closes harbour for a second day',
    );
    expect(d.out).toContain('-The harbour closed at noon.\n+The harbour stayed closed.');
    const none = await newsdesk('article', 'diff', id, '2', 'current');
    expect(none.out).toContain('(no differences)');

    const restored = await newsdesk('article', 'restore', id, '1');
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain(`article ${id}: revision 1 restored as revision 3`);
    expect(lastLine(restored.out)).toMatch(/\/storm-closes-harbour\/$/);
    url = lastLine(restored.out);
  });

  it('attaches a correction and an update note, each a revision of its own', async () => {
    const c = await newsdesk(
      'article',
      'correct',
      id,
      '--note',
      'The harbour closed at noon, not 10am.',
    );
    expect(c.code, c.err).toBe(0);
    expect(c.out).toContain(`article ${id}: correction noted (revision 4)`);
    const u = await newsdesk('article', 'correct', url, '--note', 'Reopened at 6pm.', '--update');
    expect(u.code, u.err).toBe(0);
    expect(u.out).toContain('update noted (revision 5)');
    const j = await showJson(id);
    expect((j.corrections as { kind: string }[]).map((x) => x.kind)).toEqual([
      'correction',
      'update',
    ]);
    expect((await newsdesk('article', 'correct', id)).code).toBe(64);
    const empty = await newsdesk('article', 'correct', id, '--note', '  ');
    expect([empty.code, empty.err.trim()]).toEqual([65, 'error: note: a note is required']);
    expect((await newsdesk('article', 'correct', '999999', '--note', 'x')).code).toBe(66);
  });

  it('refuses malformed, oversized and hostile input with a clear message and saves nothing', async () => {
    const before = (await showJson(id)).revision;
    const big = file('big.md', Buffer.alloc(3 * 1024 * 1024, 'a'));
    const folder = join(dir, 'a-folder.md');
    mkdirSync(folder, { recursive: true });
    const cases: [string[], number, string][] = [
      [['--body-file', big], 65, 'the body is larger than 2 MB'],
      [['--body-file', folder], 65, 'is not a regular file'],
      [['--body-file', '/dev/zero'], 65, 'is not a regular file'],
      [['--body-file', join(dir, 'missing.md')], 66, 'ENOENT'],
      [['--at', 'tomorrow'], 64, '--at expects ISO-8601 with a zone'],
      [['--comments-close-at', '2026-13-45T00:00Z'], 64, '--comments-close-at is not a valid date'],
      [['--unpublish-at', '2026-12-01'], 64, '--unpublish-at expects ISO-8601'],
      [['--unpublish-at', '2000-01-01T00:00:00Z'], 65, 'unpublishAt: must be in the future'],
      [['--at', '2099-01-01T00:00:00Z'], 65, 'cannot be moved into the future'],
      [['--comments', 'maybe'], 64, '--comments must be open or closed'],
      [['--slug', '///'], 65, 'slug: needs letters or digits'],
      [['--title', ''], 65, 'a title is required'],
      [['--trackback-to', 'file:///etc/passwd'], 65, 'trackbackTo'],
      [['--author', 'nobody@example.org'], 65, 'no user with email nobody@example.org'],
      [['--editor', 'nobody@example.org', '--title', 'x'], 65, 'no user with email'],
      [['--expect-revision', '1', '--title', 'Stale'], 65, 'was saved since revision 1'],
      [['--expect-revision', 'two', '--title', 'x'], 64, '--expect-revision must be'],
      [[], 64, 'needs at least one field to change'],
      [['--colour', 'red'], 64, "Unknown option '--colour'"],
    ];
    for (const [flags, code, message] of cases) {
      const r = await newsdesk('article', 'update', id, ...flags);
      expect(r.code, `${flags.join(' ')}: ${r.err}`).toBe(code);
      expect(r.err).toContain(message);
    }
    const other = await newsdesk('article', 'update', '999999', '--title', 'x');
    expect([other.code, other.err.trim()]).toEqual([66, 'error: no article with id 999999']);
    expect((await showJson(id)).revision).toBe(before);
  });

  it('refuses unknown and malformed revision numbers', async () => {
    const cases: [string[], number, string][] = [
      [['diff', id, '99'], 66, `article ${id} has no revision 99`],
      [['diff', id, '1', '99'], 66, 'has no revision 99'],
      [['diff', id, 'abc'], 64, 'REV must be a revision number'],
      [['diff', id, '-1'], 64, ''],
      [['restore', id, '0'], 64, 'REV must be a revision number'],
      [['restore', id, '99'], 66, 'has no revision 99'],
      [['restore', id, '1e3'], 64, 'REV must be a revision number'],
      [['revision', id, '99999999999'], 64, 'REV must be a revision number'],
      [['revisions', '999999'], 66, 'no article with id 999999'],
      [['diff', id], 64, 'REV is missing'],
    ];
    for (const [args, code, message] of cases) {
      const r = await newsdesk('article', ...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err).toContain(message);
    }
  });

  it('prints hostile titles as visible escapes', async () => {
    const r = await newsdesk(
      'article',
      'update',
      id,
      '--title',
      'Evil \u001b[2J\u001b]0;pwned\u0007',
    );
    expect(r.code, r.err).toBe(0);
    const shown = await newsdesk('article', 'show', id);
    expect([...shown.out].filter((ch) => ch === '\u001b' || ch === '\u0007')).toEqual([]);
    expect(shown.out).toContain('Evil \\x1b[2J');
    expect((await showJson(id)).title).toBe('Evil \u001b[2J\u001b]0;pwned\u0007');
  });

  it('asks which editor when the site has more than one admin', async () => {
    await newsdesk(
      'user',
      'add',
      '--email',
      'deputy@example.org',
      '--name',
      'Deputy',
      '--role',
      'admin',
    );
    const r = await newsdesk('article', 'correct', id, '--note', 'Who am I?');
    expect([r.code, r.err.trim()]).toEqual([
      65,
      'error: 2 admins; pass --editor EMAIL to say which',
    ]);
    const named = await newsdesk(
      'article',
      'correct',
      id,
      '--note',
      'Named.',
      '--editor',
      'deputy@example.org',
    );
    expect(named.code, named.err).toBe(0);
  });
});
