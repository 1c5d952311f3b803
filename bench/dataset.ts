/**
 * Builds the benchmark's SQLite databases: the real migrations first (`bin/newsdesk.js migrate`),
 * then articles, terms, users and discussion items inserted directly with prepared statements in
 * one transaction. Files are cached under `.tmp/bench-data/`, keyed by the generator version, the
 * size and a hash of the migrated schema, so a schema change or a generator change rebuilds them.
 *
 *   npx tsx bench/dataset.ts small|large     # build (or find) one set and print its file
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

/** Bump when the generated content changes; the schema is hashed separately. */
const GENERATOR_VERSION = 1;
const CACHE_DIR = resolve('.tmp/bench-data');

export interface DatasetSpec {
  readonly name: string;
  readonly articles: number;
  readonly items: number;
}

export const SMALL: DatasetSpec = { name: 'small', articles: 200, items: 2_000 };
export const LARGE: DatasetSpec = { name: 'large', articles: 100_000, items: 1_000_000 };
/** The reader group's set (feeds and search at 10,000 articles). */
export const MEDIUM: DatasetSpec = { name: 'medium', articles: 10_000, items: 20_000 };

/** Paths (site-relative) of the pages the benchmark loads; the same in every set. */
export interface BenchPaths {
  /** 50 approved items: 40 comments (some replies), 10 verified webmention mentions. */
  readonly article: string;
  /** 130 top-level comments, so `?cpage=2` is a full second page. */
  readonly longThread: string;
  readonly archive: string;
}

export interface Dataset {
  readonly file: string;
  readonly paths: BenchPaths;
  /** False when the cached file was reused. */
  readonly built: boolean;
  readonly buildMs: number;
}

/** The newest article's date; everything else is older, so a cached file stays valid. */
const NEWEST = Date.parse('2026-01-15T09:00:00.000Z');
const ARTICLE_GAP_MS = 10 * 60_000;
const ITEM_GAP_MS = 7 * 60_000;
const BENCH_ARTICLE_SLUG = 'bench-article-with-fifty-items';
const LONG_THREAD_SLUG = 'bench-article-with-a-long-thread';
const CATEGORIES = 20;
const TAGS = 500;
const AUTHORS = 20;

const iso = (ms: number) => new Date(ms).toISOString();
const permalink = (slug: string, ms: number) => {
  const d = new Date(ms);
  return `/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slug}/`;
};

export function benchPaths(): BenchPaths {
  return {
    article: permalink(BENCH_ARTICLE_SLUG, NEWEST),
    longThread: permalink(LONG_THREAD_SLUG, NEWEST - ARTICLE_GAP_MS),
    archive: '/category/section-1/',
  };
}

/** mulberry32: a small seeded generator, so every build of a set holds the same content. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`${command} exited ${code}: ${out}`)),
    );
  });
}

/** Runs the product's own migrations on `file` through its shebang. */
export async function migrate(file: string): Promise<void> {
  await run('bin/newsdesk.js', ['migrate'], {
    NEWSDESK_DATABASE_URL: file,
    NEWSDESK_LOG_LEVEL: 'warn',
  });
}

function schemaHash(file: string): string {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db
      .prepare(`select type, name, tbl_name, sql from sqlite_master order by type, name`)
      .all();
    return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12);
  } finally {
    db.close();
  }
}

const PARAGRAPHS = [
  'The committee met on Tuesday evening to review the figures, which showed a steady rise in demand across every district since the spring.',
  'Residents who spoke at the hearing described long waits and missed connections, and several asked for the changes to be made permanent rather than trialled for a season.',
  'Officials said the budget allowed for a review in March, when the first full quarter of data will be available and the contract comes up for renewal.',
  'The opposition group welcomed the plan but questioned whether the staffing levels promised in the report could be met before the end of the year.',
  'A spokesperson for the operator said recruitment had improved and that training for new drivers would begin next month at the western depot.',
];

function articleBody(i: number): { source: string; html: string; excerpt: string } {
  const paras = [0, 1, 2, 3, 4, 0, 2].map((k, n) => PARAGRAPHS[(k + i + n) % PARAGRAPHS.length]!);
  const source = `${paras.slice(0, 3).join('\n\n')}\n\n## What changes\n\n${paras.slice(3).join('\n\n')}`;
  const html = `${paras
    .slice(0, 3)
    .map((p) => `<p>${p}</p>`)
    .join('\n')}\n<h2>What changes</h2>\n${paras
    .slice(3)
    .map((p) => `<p>${p}</p>`)
    .join('\n')}\n`;
  return { source, html, excerpt: paras[0]!.slice(0, 160) };
}

const COMMENT_TEXT = [
  'Thanks for writing this up; the part about the review in March is what most people I know were asking about.',
  'I took the late service for years and the difference this makes is hard to overstate. Good to see it back.',
  'Does anyone know whether the weekend timetable changes as well, or only the weekday one?',
  'The figures in the second paragraph do not match the ones in last week’s report. Which is right?',
];

/** Writes `spec`'s content into a freshly migrated `file`. */
function fill(file: string, spec: DatasetSpec): void {
  const db = new DatabaseSync(file);
  const rand = random(0x5eed ^ spec.articles ^ spec.items);
  db.exec('pragma journal_mode = off');
  db.exec('pragma synchronous = off');
  db.exec('pragma foreign_keys = off');
  db.exec('pragma cache_size = -262144');
  db.exec('pragma temp_store = memory');
  const tables = ['users', 'articles', 'terms', 'article_terms', 'discussion_items'];
  const marks = tables.map(() => '?').join(', ');
  // Indexes and triggers (the content-version counter) are dropped while rows go in and
  // re-created from their own SQL afterwards: building an index once is much faster than
  // updating it a million times, and the schema ends exactly as the migrations left it.
  const deferred = db
    .prepare(
      `select type, name, sql from sqlite_master
       where type in ('index', 'trigger') and sql is not null and tbl_name in (${marks})`,
    )
    .all(...tables) as { type: string; name: string; sql: string }[];
  db.exec('begin');
  try {
    for (const d of deferred) db.exec(`drop ${d.type} "${d.name}"`);

    const user = db.prepare(
      `insert into users (id, email, name, slug, role, password_hash, bio, url, created_at)
       values (?, ?, ?, ?, 'author', null, ?, null, ?)`,
    );
    for (let u = 1; u <= AUTHORS; u++) {
      user.run(
        u,
        `author${u}@example.org`,
        `Author Number ${u}`,
        `author-${u}`,
        'Reports on the city.',
        iso(NEWEST - 400 * 86_400_000),
      );
    }

    const term = db.prepare(
      `insert into terms (id, kind, name, slug, parent_id, description) values (?, ?, ?, ?, null, '')`,
    );
    for (let c = 1; c <= CATEGORIES; c++) term.run(c, 'category', `Section ${c}`, `section-${c}`);
    for (let t = 1; t <= TAGS; t++) term.run(CATEGORIES + t, 'tag', `Topic ${t}`, `topic-${t}`);

    const article = db.prepare(
      `insert into articles (id, slug, title, body_source, body_html, excerpt, status, published_at,
         created_at, updated_at, deleted_at, author_id, comments_open, comments_close_at,
         linkbacks_open, linkbacks_close_at, trackback_to)
       values (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, null, ?, 1, null, 1, null, '')`,
    );
    const articleTerm = db.prepare(`insert into article_terms (article_id, term_id) values (?, ?)`);
    const publishedAt: number[] = [0];
    const slugs: string[] = [''];
    for (let a = 1; a <= spec.articles; a++) {
      const at = NEWEST - (a - 1) * ARTICLE_GAP_MS;
      const slug = a === 1 ? BENCH_ARTICLE_SLUG : a === 2 ? LONG_THREAD_SLUG : `story-${a}`;
      publishedAt.push(at);
      slugs.push(slug);
      const body = articleBody(a);
      article.run(
        a,
        slug,
        `Story ${a}: night buses return to the river line after a pause`,
        body.source,
        body.html,
        body.excerpt,
        iso(at),
        iso(at - 3_600_000),
        iso(at),
        1 + (a % AUTHORS),
      );
      // Articles 1 and 2 (the loaded ones) are in section 1, the archive page the bench loads.
      articleTerm.run(a, a <= 2 ? 1 : 1 + Math.floor(rand() * CATEGORIES));
      const t1 = 1 + Math.floor(rand() * TAGS);
      const t2 = 1 + ((t1 + 1 + Math.floor(rand() * (TAGS - 1))) % TAGS);
      articleTerm.run(a, CATEGORIES + t1);
      if (t2 !== t1) articleTerm.run(a, CATEGORIES + t2);
    }

    const item = db.prepare(
      `insert into discussion_items (id, article_id, kind, protocol, type, status, parent_id,
         author_name, author_url, author_email, author_photo, author_ip, author_user_agent,
         source_url, source_key, target_url, title, content_html, content_source, verification,
         verification_error, raw_mf2, created_at, updated_at, published_at, verified_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, null, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?)`,
    );
    let id = 0;
    const comment = (articleId: number, n: number, parent: number | null, status: string) => {
      id++;
      const at = iso(publishedAt[articleId]! + (n + 1) * ITEM_GAP_MS);
      const text = `${COMMENT_TEXT[(id + n) % COMMENT_TEXT.length]!} (${id})`;
      item.run(
        id,
        articleId,
        'comment',
        null,
        'comment',
        status,
        parent,
        `Reader ${id % 997}`,
        n % 3 === 0 ? `https://reader${id % 997}.example/` : null,
        `reader${id % 997}@example.org`,
        '127.0.0.1',
        null,
        null,
        null,
        null,
        `<p>${text}</p>`,
        text,
        'not-required',
        at,
        at,
        null,
        null,
      );
      return id;
    };
    const mention = (articleId: number, n: number, status: string, verification: string) => {
      id++;
      const at = iso(publishedAt[articleId]! + (n + 1) * ITEM_GAP_MS);
      const host = `blog${id % 5003}.example`;
      item.run(
        id,
        articleId,
        'linkback',
        'webmention',
        'mention',
        status,
        null,
        `Blogger ${id % 5003}`,
        `https://${host}/`,
        null,
        null,
        `https://${host}/posts/${id}`,
        `//${host}/posts/${id}`,
        `http://127.0.0.1${permalink(slugs[articleId]!, publishedAt[articleId]!)}`,
        `A post that links here (${id})`,
        `<p>Worth reading: the council’s plan for the night service, and what it means.</p>`,
        null,
        verification,
        at,
        at,
        at,
        verification === 'verified' ? at : null,
      );
    };

    // The 50-item article: 40 comments (every fourth a reply to the one before), 10 mentions.
    let previous: number | null = null;
    for (let n = 0; n < 40; n++) {
      const own = comment(1, n, n % 4 === 3 ? previous : null, 'approved');
      previous = own;
    }
    for (let n = 0; n < 10; n++) mention(1, 40 + n, 'approved', 'verified');
    // The long thread: 130 top-level comments, so its second page is full (50 per page).
    for (let n = 0; n < 130; n++) comment(2, n, null, 'approved');

    // Everything else, spread at random over the other articles (about items/articles each).
    const rest = Math.max(0, spec.items - id);
    const others = Math.max(1, spec.articles - 2);
    const counts = new Uint32Array(others);
    for (let k = 0; k < rest; k++) counts[Math.floor(rand() * others)]!++;
    for (let k = 0; k < others; k++) {
      const articleId = k + 3;
      if (articleId > spec.articles) break;
      let lastComment: number | null = null;
      for (let n = 0; n < counts[k]!; n++) {
        const r = rand();
        const status = r < 0.85 ? 'approved' : r < 0.95 ? 'pending' : 'spam';
        if (rand() < 0.1) {
          mention(articleId, n, status, status === 'approved' ? 'verified' : 'pending');
        } else {
          const parent = lastComment !== null && rand() < 0.3 ? lastComment : null;
          lastComment = comment(articleId, n, parent, status);
        }
      }
    }

    for (const d of deferred) db.exec(d.sql);
    db.exec('update content_version set version = version + 1 where id = 1');
    db.exec('commit');
  } catch (error) {
    db.exec('rollback');
    throw error;
  } finally {
    db.close();
  }
  // Leave the file as the product opens it (WAL), analysed so the planner sees real sizes.
  const after = new DatabaseSync(file);
  try {
    after.exec('analyze');
    after.exec('pragma journal_mode = wal');
  } finally {
    after.close();
  }
}

/** Finds `spec`'s cached database or builds it. Needs `dist/` (npm run build). */
export async function dataset(spec: DatasetSpec): Promise<Dataset> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const started = performance.now();
  const scratch = join(CACHE_DIR, `${spec.name}.building-${process.pid}.sqlite`);
  const clean = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(scratch + suffix, { force: true });
  };
  try {
    await migrate(scratch);
    const key = `${spec.name}-${spec.articles}-${spec.items}-g${GENERATOR_VERSION}-${schemaHash(scratch)}`;
    const file = join(CACHE_DIR, `${key}.sqlite`);
    if (existsSync(file)) {
      return { file, paths: benchPaths(), built: false, buildMs: performance.now() - started };
    }
    fill(scratch, spec);
    renameSync(scratch, file);
    return { file, paths: benchPaths(), built: true, buildMs: performance.now() - started };
  } finally {
    clean();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const which = process.argv[2] === 'large' ? LARGE : SMALL;
  const set = await dataset(which);
  console.log(
    `${set.file} (${set.built ? 'built' : 'cached'} in ${(set.buildMs / 1000).toFixed(1)} s)`,
  );
}
