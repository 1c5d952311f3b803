import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewDiscussionItem } from '../src/app/discussion/ports.js';
import { createArticle } from '../src/app/articles/create-article.js';
import { silentLogger } from '../src/app/ports.js';
import { addUser } from '../src/app/users/add-user.js';
import { EXIT } from '../src/cli/command.js';
import { runCli } from '../src/cli/main.js';
import { loadConfig, type Config } from '../src/config/config.js';
import type { DiscussionItem } from '../src/domain/discussion-item.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { openRuntime } from '../src/main/runtime.js';
import { describeEachDialect, testDialects, type TestStore } from './support/dialects.js';

/** What a terminal could act on; none of it may reach the moderator's screen raw. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** PostgreSQL text cannot hold NUL at all, so only SQLite stores one. */
const hostileName = (nul: string) =>
  `\u001b[2J\u001b]0;pwned\u0007Eve${nul}\rMallory\u202Egpj.exe\u0085`;
const HOSTILE_EMAIL = 'eve\u001b[8m@evil.example';

const BASE_ENV = {
  NEWSDESK_LOG_LEVEL: 'silent',
  NEWSDESK_DEMO_CONTENT: '0',
  NEWSDESK_WORKERS: 'none',
} as const;

/** A fresh store with a published article, and a way to add items to it. */
async function openSite(store: TestStore) {
  const config = loadConfig({ ...store.env, ...BASE_ENV });
  const rt = await openRuntime(config, silentLogger);
  const author = await addUser(rt.deps, {
    email: 'desk@news.example',
    name: 'Desk',
    role: 'author',
  });
  if (!author.ok) throw new Error(author.error.message);
  const created = await createArticle(rt.deps, {
    title: 'Moderated story',
    bodyMarkdown: 'Body text.',
    authorId: author.value.id,
    publish: { kind: 'now' },
    comments: true,
    linkbacks: true,
  });
  if (!created.ok) throw new Error(created.error.message);
  const articleId = created.value.article.id;
  let n = 0;
  const add = (fields: Partial<NewDiscussionItem>): Promise<DiscussionItem> => {
    const source = `https://other.example/post-${++n}`;
    return rt.deps.repos.discussion.insert(
      {
        articleId,
        kind: 'linkback',
        protocol: 'webmention',
        type: 'mention',
        status: 'pending',
        parentId: null,
        authorName: `Other site ${n}`,
        authorUrl: null,
        authorEmail: null,
        authorIp: null,
        authorUserAgent: null,
        sourceUrl: source,
        sourceKey: source,
        targetUrl: null,
        title: null,
        contentHtml: trustStoredHtml('<p>links here</p>'),
        contentSource: null,
        verification: 'verified',
        ...fields,
      },
      new Date(),
    );
  };
  return { config, rt, articleId, add };
}

async function cli(config: Config, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['discussion', ...argv],
    { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
    () => config,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describeEachDialect('newsdesk discussion: verification and visitor text', (dialect) => {
  let store: TestStore;
  let site: Awaited<ReturnType<typeof openSite>>;
  let rejected: DiscussionItem;
  let pending: DiscussionItem;
  let verified: DiscussionItem;
  let hostile: DiscussionItem;
  const nul = dialect.name === 'sqlite' ? '\u0000' : '';
  const hostileNameHere = hostileName(nul);

  beforeAll(async () => {
    store = await dialect.open();
    site = await openSite(store);
    rejected = await site.add({ verification: 'pending' });
    await site.rt.deps.repos.discussion.recordLinkbackRejected(rejected.id, 'no_link', new Date());
    pending = await site.add({ verification: 'pending' });
    verified = await site.add({ verification: 'verified' });
    hostile = await site.add({
      kind: 'comment',
      protocol: null,
      type: 'comment',
      authorName: hostileNameHere,
      authorEmail: HOSTILE_EMAIL,
      sourceUrl: null,
      sourceKey: null,
      verification: 'not-required',
      contentHtml: trustStoredHtml('<p>read \u001b[5mthis\u0007 \u202Eelbisivni\u202C now</p>'),
      contentSource: 'read this',
    });
  });
  afterAll(async () => {
    await site?.rt.close();
    await store?.dispose();
  });

  it('approves a linkback whose verification was rejected, exits 0 and warns that it will not show', async () => {
    const r = await cli(site.config, 'approve', String(rejected.id));
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toBe(`linkback ${rejected.id}: pending → approved`);
    expect(r.err).toBe(
      `warning: linkback ${rejected.id} is approved but will not show: its source failed ` +
        'verification (no_link); it shows only if the sender sends it again and the source then verifies',
    );
    expect((await site.rt.deps.repos.discussion.findById(rejected.id))?.status).toBe('approved');
    const shown = await site.rt.deps.repos.discussion.listPublic(site.articleId);
    expect(shown.map((i) => i.id)).not.toContain(rejected.id);
    const again = await cli(site.config, 'approve', String(rejected.id));
    expect(again.out).toBe(`linkback ${rejected.id} is already approved`);
    expect(again.err).toContain('will not show');
  });

  it('approves a linkback still awaiting verification and warns that it shows once its source verifies', async () => {
    const r = await cli(site.config, 'approve', String(pending.id));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toBe(
      `warning: linkback ${pending.id} is approved but will not show until its source verifies ` +
        '(verification is still pending)',
    );
    expect((await site.rt.deps.repos.discussion.findById(pending.id))?.status).toBe('approved');
  });

  it('approves a verified linkback and unapproves without any warning', async () => {
    const v = await cli(site.config, 'approve', String(verified.id));
    expect(v).toEqual({
      code: EXIT.ok,
      out: `linkback ${verified.id}: pending → approved`,
      err: '',
    });
    const back = await cli(site.config, 'unapprove', String(pending.id));
    expect(back).toEqual({
      code: EXIT.ok,
      out: `linkback ${pending.id}: approved → pending`,
      err: '',
    });
    const shown = await site.rt.deps.repos.discussion.listPublic(site.articleId);
    expect(shown.map((i) => i.id)).toEqual([verified.id]);
  });

  it('lists the verification of every item as a column and as a JSON field', async () => {
    const text = await cli(site.config, 'list', '--kind', 'linkback');
    expect(text.code).toBe(EXIT.ok);
    const columns = new Map(
      text.out.split('\n').map((line) => {
        const [id, status, verification] = line.split('\t');
        return [Number(id), [status, verification]];
      }),
    );
    expect(columns.get(rejected.id)).toEqual(['approved', 'rejected']);
    expect(columns.get(pending.id)).toEqual(['pending', 'pending']);
    expect(columns.get(verified.id)).toEqual(['approved', 'verified']);
    const json = JSON.parse((await cli(site.config, 'list', '--json')).out) as Array<{
      id: number;
      verification: string;
      verificationError: string | null;
    }>;
    const byId = new Map(json.map((r) => [r.id, r]));
    expect(byId.get(rejected.id)).toMatchObject({
      verification: 'rejected',
      verificationError: 'no_link',
    });
    expect(byId.get(verified.id)).toMatchObject({ verification: 'verified' });
    expect(byId.get(hostile.id)).toMatchObject({ verification: 'not-required' });
  });

  it('escapes control and bidi characters of visitor names and text in the listing, one line per item', async () => {
    const text = await cli(site.config, 'list', '--kind', 'comment');
    expect(text.code).toBe(EXIT.ok);
    const lines = text.out.split('\n');
    expect(lines).toHaveLength(1);
    const fields = lines[0]!.split('\t');
    expect(fields).toHaveLength(8);
    for (const field of fields) expect(field).not.toMatch(UNSAFE);
    expect(fields[6]).toBe(
      `\\x1b[2J\\x1b]0;pwned\\x07Eve${nul ? '\\x00' : ''}\\x0dMallory\\u202egpj.exe\\x85 <eve\\x1b[8m@evil.example>`,
    );
    expect(fields[7]).toContain('\\x1b[5mthis\\x07');
    expect(fields[7]).toContain('\\u202eelbisivni\\u202c');
  });

  it('keeps visitor names exact in --json', async () => {
    const json = JSON.parse(
      (await cli(site.config, 'list', '--kind', 'comment', '--json')).out,
    ) as Array<{
      authorName: string;
      authorEmail: string;
    }>;
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ authorName: hostileNameHere, authorEmail: HOSTILE_EMAIL });
  });
});

// Needs the built CLI (bin/newsdesk.js imports dist/): `npm test` builds first.
it('twelve parallel `discussion approve` processes on one SQLite file all succeed', async () => {
  const [sqlite] = testDialects();
  if (!sqlite) throw new Error('no SQLite dialect');
  const store = await sqlite.open();
  const site = await openSite(store);
  try {
    const items = [];
    for (let i = 0; i < 12; i++) items.push(await site.add({ verification: 'verified' }));
    const approve = (id: number) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['bin/newsdesk.js', 'discussion', 'approve', String(id)],
          {
            env: { PATH: process.env.PATH ?? '', ...store.env, ...BASE_ENV },
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all(items.map((i) => approve(i.id)));
    expect(results.map((r) => [r.code, r.err])).toEqual(items.map(() => [EXIT.ok, '']));
    expect(results.map((r) => r.out.trim())).toEqual(
      items.map((i) => `linkback ${i.id}: pending → approved`),
    );
    for (const item of items) {
      expect((await site.rt.deps.repos.discussion.findById(item.id))?.status).toBe('approved');
      expect(await site.rt.deps.repos.discussion.moderationHistory(item.id)).toHaveLength(1);
    }
  } finally {
    await site.rt.close();
    await store.dispose();
  }
}, 120_000);
