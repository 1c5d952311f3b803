import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/command.js';
import { runCli } from '../src/cli/main.js';
import { loadConfig } from '../src/config/config.js';
import { startCommentServer, type CommentServer } from './support/comments-server.js';

describe('newsdesk discussion (CLI)', () => {
  let s: CommentServer;
  let articleUrl = '';
  const ids: number[] = [];

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const config = loadConfig({ NEWSDESK_DATABASE_URL: s.dbFile, NEWSDESK_LOG_LEVEL: 'silent' });
    const code = await runCli(
      ['discussion', ...argv],
      { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null },
      () => config,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    s = await startCommentServer();
    await s.settings({ comments: { holdAll: true, perIpLimit: 1000 } });
    const { path } = await s.article();
    articleUrl = `${s.url}${path}`;
    for (const text of ['first held', 'second held']) {
      const f = await s.form(path);
      s.advance(5000);
      const res = await s.post(f.action, {
        name: 'Ada',
        email: 'ada@example.org',
        text,
        token: f.token,
      });
      expect(res.status).toBe(303);
    }
    const other = await s.article();
    const f = await s.form(other.path);
    s.advance(5000);
    await s.post(f.action, {
      name: 'Bo',
      email: 'bo@example.org',
      text: 'elsewhere',
      token: f.token,
    });
    const rows = await s.rt.deps.repos.discussion.list({ kind: 'comment' });
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists held comments as JSON, filtered by status and by article URL', async () => {
    const all = await cli('list', '--status', 'pending', '--json');
    expect(all.code).toBe(EXIT.ok);
    expect(JSON.parse(all.out)).toHaveLength(3);
    const one = await cli('list', '--article', articleUrl, '--json');
    const rows = JSON.parse(one.out) as Array<{
      id: number;
      status: string;
      excerpt: string;
      authorEmail: string;
    }>;
    expect(rows.map((r) => r.excerpt).sort()).toEqual(['first held', 'second held']);
    expect(rows[0]).toMatchObject({ status: 'pending', authorEmail: 'ada@example.org' });
    const text = await cli('list');
    expect(text.out.split('\n')).toHaveLength(3);
    expect(text.out).toContain('Ada <ada@example.org>');
  });

  it('approves, marks spam and trashes by ID, recording the OS user as actor', async () => {
    const [a, b, c] = ids as [number, number, number];
    expect((await cli('approve', String(a), '--reason', 'fine')).out).toBe(
      `comment ${a}: pending → approved`,
    );
    expect((await cli('spam', String(b))).code).toBe(EXIT.ok);
    expect((await cli('trash', String(c))).code).toBe(EXIT.ok);
    expect((await cli('approve', String(a))).out).toBe(`comment ${a} is already approved`);
    const [event] = await s.rt.deps.repos.discussion.moderationHistory(a);
    expect(event).toMatchObject({
      actor: `cli:${userInfo().username}`,
      fromStatus: 'pending',
      toStatus: 'approved',
      reason: 'fine',
    });
    const approved = JSON.parse(
      (await cli('list', '--status', 'approved', '--json')).out,
    ) as unknown[];
    expect(approved).toHaveLength(1);
    const page = await (await fetch(articleUrl)).text();
    expect(page).toContain('first held');
    expect(page).not.toContain('second held');
  });

  it('exits with clear errors for an unknown item, article or status', async () => {
    const missing = await cli('approve', '999999');
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.err).toContain('no discussion item with id 999999');
    expect((await cli('list', '--article', 'https://elsewhere.example/2020/01/nope/')).code).toBe(
      EXIT.notFound,
    );
    const bad = await cli('list', '--status', 'bogus');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('--status must be one of pending, approved, spam, trash');
    expect((await cli('approve')).code).toBe(EXIT.usage);
  });
});
