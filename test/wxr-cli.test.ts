import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWxr } from '../bench/wxr-generate.js';
import { fixture } from './support/wxr-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-wxr-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (db: string) => ({
  PATH: process.env.PATH ?? '',
  NEWSDESK_DATABASE_URL: db,
  NEWSDESK_SITE_URL: 'https://news.example',
  NEWSDESK_LOG_LEVEL: 'silent',
  NEWSDESK_DEMO_CONTENT: '0',
  // The import's spool goes here, so the one killed halfway leaves nothing behind in /tmp.
  TMPDIR: dir,
});

function newsdesk(db: string, args: string[]) {
  const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
    env: env(db),
    encoding: 'utf8',
    input: '',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function count(db: string, query: string): number {
  const h = new DatabaseSync(db, { readOnly: true });
  try {
    return Number((h.prepare(query).get() as { n: number }).n);
  } finally {
    h.close();
  }
}

describe('newsdesk import wxr / export wxr', () => {
  const db = join(dir, 'cli.sqlite');

  it('imports a file, prints the summary as JSON, and exports it again', () => {
    const r = newsdesk(db, ['import', 'wxr', fixture('seed-article.xml'), '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { created: { articles: number; linkbacks: number } };
    expect(summary.created).toMatchObject({ articles: 1, linkbacks: 2 });
    expect(r.err).toMatch(/importing: 1\/1 items/);
    const out = join(dir, 'out.xml');
    const e = newsdesk(db, ['export', 'wxr', out]);
    expect(e.code).toBe(0);
    expect(e.err).toContain('exported 1 articles, 0 pages, 2 comments');
  });

  it('answers 66 for a missing file or uploads folder, 64 for a bad flag and 65 for a hostile file', () => {
    expect(newsdesk(db, ['import', 'wxr', join(dir, 'nope.xml')]).code).toBe(66);
    expect(newsdesk(db, ['import', 'wxr', fixture('seed-article.xml'), '--bogus']).code).toBe(64);
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<!DOCTYPE x [<!ENTITY a "b">]><rss/>');
    const r = newsdesk(db, ['import', 'wxr', bad]);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/DOCTYPE.*nothing was imported/);
    const noFolder = join(dir, 'no-uploads-here');
    const u = newsdesk(db, ['import', 'wxr', fixture('seed-article.xml'), '--uploads', noFolder]);
    expect(u.code).toBe(66);
    expect(u.err).toContain('is not a directory');
  });

  it('finishes an import killed halfway, without duplicates', async () => {
    const big = join(dir, 'big.xml');
    const gen = await generateWxr(big, { posts: 3000, commentsPerPost: 3 });
    const killedDb = join(dir, 'killed.sqlite');
    newsdesk(killedDb, ['migrate']);
    const child = spawn(process.execPath, ['bin/newsdesk.js', 'import', 'wxr', big], {
      env: env(killedDb),
      stdio: 'ignore',
    });
    // Kill it once some posts are in, well before all of them are.
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const seen = count(killedDb, "select count(*) as n from import_map where kind = 'post'");
      if (seen > 0) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = count(killedDb, 'select count(*) as n from articles');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(gen.posts);
    // Whole posts only: each imported post has all its comments.
    expect(count(killedDb, 'select count(*) as n from discussion_items')).toBe(partial * 3);
    const again = newsdesk(killedDb, ['import', 'wxr', big]);
    expect(again.code).toBe(0);
    expect(count(killedDb, 'select count(*) as n from articles')).toBe(gen.posts);
    expect(count(killedDb, 'select count(*) as n from discussion_items')).toBe(gen.comments);
    expect(count(killedDb, "select count(*) as n from import_map where kind = 'comment'")).toBe(
      gen.comments,
    );
  }, 120_000);

  it('converts bodies on worker threads with --threads, writing exactly what the main thread writes', () => {
    const rows = (file: string) => {
      const h = new DatabaseSync(file, { readOnly: true });
      try {
        return {
          articles: h
            .prepare(
              'select slug, title, body_source, body_html, excerpt from articles order by slug',
            )
            .all(),
          discussion: h
            .prepare(
              'select a.slug, d.author_name, d.content_html, d.title from discussion_items d join articles a on a.id = d.article_id order by a.slug, d.id',
            )
            .all(),
          search: h.prepare('select count(*) as n from search_documents').get(),
        };
      } finally {
        h.close();
      }
    };
    const inline = join(dir, 'inline.sqlite');
    const threaded = join(dir, 'threaded.sqlite');
    const file = fixture('themeunittestdata.wordpress.xml');
    expect(newsdesk(inline, ['import', 'wxr', file, '--threads', '0']).code).toBe(0);
    const r = newsdesk(threaded, ['import', 'wxr', file, '--threads', '2']);
    expect(r.code).toBe(0);
    const a = rows(inline);
    expect(a.articles.length).toBeGreaterThan(50);
    expect(a.discussion.length).toBeGreaterThan(20);
    expect(rows(threaded)).toEqual(a);
    expect(newsdesk(threaded, ['import', 'wxr', file, '--threads', 'many']).code).toBe(64);
  });
});
