import { open } from 'node:fs/promises';
import { correctArticle } from '../../app/articles/correct-article.js';
import { createArticle } from '../../app/articles/create-article.js';
import { findArticle } from '../../app/articles/find-article.js';
import { listArticles } from '../../app/articles/list-articles.js';
import {
  diffRevisions,
  listRevisions,
  restoreRevision,
  showRevision,
} from '../../app/articles/revisions.js';
import { articleDetails, type ArticleDetails } from '../../app/articles/show-article.js';
import { updateArticle, type ArticleChanges } from '../../app/articles/update-article.js';
import { resolveByline } from '../../app/users/find-user.js';
import type { AppDeps } from '../../app/deps.js';
import type { Article, Author } from '../../domain/article.js';
import type { Failure } from '../../domain/failures.js';
import { EXIT, UsageError, type Command, type CommandIo, type ExitCode } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { comparisonLines, fieldLabel, revisionLine, type UserNames } from '../revision-format.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';
import * as lifecycle from './article-lifecycle.js';

type GetConfig = Parameters<Command['run']>[2];

function openClosed(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'open') return true;
  if (value === 'closed') return false;
  throw new UsageError(`--${flag} must be open or closed`);
}

function isoDate(flag: string, value: string): Date {
  // ISO-8601 with a date and time; a zone is required so "09:00" is never ambiguous.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new UsageError(
      `--${flag} expects ISO-8601 with a zone, such as 2026-12-01T09:00:00Z (got ${terminalText(value.slice(0, 100))})`,
    );
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new UsageError(`--${flag} is not a valid date: ${terminalText(value)}`);
  }
  return d;
}

/** An ISO-8601 time, or `never` (null). */
function dateOrNever(flag: string, value: string | undefined): Date | null | undefined {
  if (value === undefined) return undefined;
  return value === 'never' ? null : isoDate(flag, value);
}

function revisionNumber(what: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${what} is missing`);
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new UsageError(
      `${what} must be a revision number (1, 2, …), got ${terminalText(value.slice(0, 50))}`,
    );
  }
  return Number(value);
}

/** More than a 2 MB body can be in UTF-8: a longer file is refused before it is read whole. */
const MAX_BODY_FILE_BYTES = 8 * 1024 * 1024;

/** The file's text, or the exit code after saying why it cannot be read. */
async function readBodyFile(path: string, io: CommandIo): Promise<string | ExitCode> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    io.err(
      `error: cannot read --body-file ${terminalText(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return EXIT.notFound;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      io.err(`error: --body-file ${terminalText(path)} is not a regular file`);
      return EXIT.dataError;
    }
    // Read at most one byte past the cap, whatever the file says its size is.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_BODY_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > MAX_BODY_FILE_BYTES) {
      io.err(`error: --body-file ${terminalText(path)} is larger than 8 MiB`);
      return EXIT.dataError;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    io.err(
      `error: cannot read --body-file ${terminalText(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return EXIT.notFound;
  } finally {
    await handle.close();
  }
}

function fail(io: CommandIo, error: Failure): ExitCode {
  io.err(`error: ${terminalText(error.message)}`);
  return exitFor(error.code);
}

/** The users `emails` name, in order; none given: the site's only admin. */
async function bylineUsers(
  deps: AppDeps,
  emails: readonly string[] | undefined,
  option: string,
): Promise<Author[] | Failure> {
  const wanted = emails && emails.length > 0 ? emails : [undefined];
  const users: Author[] = [];
  for (const email of wanted) {
    const r = await resolveByline(deps, email, option);
    if (!r.ok) return r.error;
    users.push(r.value);
  }
  return users;
}

const isFailure = (v: unknown): v is Failure =>
  typeof v === 'object' && v !== null && 'code' in v && 'message' in v && !('id' in v);

async function create(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, {
    title: 'string',
    'body-file': 'string',
    author: 'strings',
    category: 'strings',
    tag: 'strings',
    publish: 'boolean',
    at: 'string',
    comments: 'string',
    linkbacks: 'string',
    excerpt: 'string',
    standfirst: 'string',
    slug: 'string',
    'unpublish-at': 'string',
    'no-linkbacks-send': 'boolean',
    'trackback-to': 'strings',
    'featured-image': 'string',
  });
  if (!f.title) throw new UsageError('article create needs --title');
  if (!f['body-file']) throw new UsageError('article create needs --body-file (Markdown)');
  if (f.publish && f.at) throw new UsageError('use either --publish or --at, not both');
  const publish = f.at
    ? { kind: 'at' as const, at: isoDate('at', f.at) }
    : f.publish
      ? { kind: 'now' as const }
      : { kind: 'draft' as const };
  const featured = f['featured-image'];
  if (featured !== undefined && !/^[1-9][0-9]{0,11}$/.test(featured))
    throw new UsageError(`--featured-image expects a media ID (got ${featured})`);
  const comments = openClosed('comments', f.comments);
  const linkbacks = openClosed('linkbacks', f.linkbacks);
  const unpublishAt = dateOrNever('unpublish-at', f['unpublish-at']) ?? undefined;
  const body = await readBodyFile(f['body-file'], io);
  if (typeof body === 'number') return body;
  return withRuntime(getConfig(), async (rt) => {
    const authors = await bylineUsers(rt.deps, f.author, '--author');
    if (isFailure(authors)) return fail(io, authors);
    const [first, ...others] = authors;
    if (!first) return EXIT.software;
    const result = await createArticle(rt.deps, {
      title: f.title ?? '',
      bodyMarkdown: body,
      authorId: first.id,
      coAuthorIds: others.map((a) => a.id),
      categories: f.category ?? [],
      tags: f.tag ?? [],
      publish,
      comments,
      linkbacks,
      excerpt: f.excerpt,
      standfirst: f.standfirst,
      slug: f.slug,
      unpublishAt,
      sendLinkbacks: !f['no-linkbacks-send'],
      trackbackTo: f['trackback-to'] ?? [],
      ...(featured ? { featuredMediaId: Number(featured) } : {}),
    });
    if (!result.ok) return fail(io, result.error);
    const a = result.value.article;
    io.out(
      `article ${a.id} ${a.status}${a.status === 'scheduled' ? ` for ${a.publishedAt?.toISOString()}` : ''}`,
    );
    io.out(result.value.url);
    return EXIT.ok;
  });
}

async function list(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { status: 'string', limit: 'string', json: 'boolean' });
  const status = f.status;
  if (status && !['draft', 'scheduled', 'published'].includes(status)) {
    throw new UsageError('--status must be draft, scheduled or published');
  }
  const limit = f.limit ? Number(f.limit) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError('--limit must be 1 to 10000');
  return withRuntime(getConfig(), async (rt) => {
    const listed = await listArticles(rt.deps, {
      limit,
      status: status as 'draft' | 'scheduled' | 'published' | undefined,
    });
    const rows = listed.map(({ article: a, url }) => ({
      id: a.id,
      status: a.status,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      title: a.title,
      url,
    }));
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else
      for (const r of rows)
        io.out(terminalText(`${r.id}\t${r.status}\t${r.publishedAt ?? '-'}\t${r.title}\t${r.url}`));
    return EXIT.ok;
  });
}

/** The one article a command names by its id or URL; a usage error when none is given. */
function referenceOf(positionals: readonly string[], sub: string): string {
  const [ref] = positionals;
  if (!ref) throw new UsageError(`article ${sub} needs an article ID or URL`);
  return ref;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function detailsJson(d: ArticleDetails) {
  const a = d.article;
  return {
    id: a.id,
    kind: a.kind,
    status: a.deletedAt ? 'deleted' : a.status,
    title: a.title,
    slug: a.slug,
    url: d.url,
    standfirst: a.standfirst,
    excerpt: a.excerpt,
    publishedAt: iso(a.publishedAt),
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    deletedAt: iso(a.deletedAt),
    withdrawnAt: iso(a.withdrawnAt),
    unpublishAt: iso(a.unpublishAt),
    bylines: d.bylines.map((u) => ({ id: u.id, name: u.name, email: u.email })),
    categories: d.categories.map((t) => t.name),
    tags: d.tags.map((t) => t.name),
    comments: { open: a.comments.open, closesAt: iso(a.comments.closesAt) },
    linkbacks: { open: a.linkbacks.open, closesAt: iso(a.linkbacks.closesAt) },
    linkbacksSend: a.linkbacksSend,
    trackbackTo: a.trackbackTo,
    corrections: d.corrections.map((c) => ({
      id: c.id,
      kind: c.kind,
      note: c.note,
      createdAt: c.createdAt.toISOString(),
    })),
    revision: d.revision,
    bodySource: a.bodySource,
  };
}

function switchText(s: Article['comments']): string {
  return `${s.open ? 'open' : 'closed'}${s.closesAt ? ` (closes ${s.closesAt.toISOString()})` : ''}`;
}

async function show(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 1);
  const ref = referenceOf(f._, 'show');
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const d = await articleDetails(rt.deps, found.value);
    const j = detailsJson(d);
    if (f.json) {
      io.out(JSON.stringify(j, null, 2));
      return EXIT.ok;
    }
    const rows: [string, string][] = [
      ['id', String(j.id)],
      ['kind', j.kind],
      ['status', j.status],
      ['title', j.title],
      ['slug', j.slug],
      ['url', j.url],
      ['published', j.publishedAt ?? '-'],
      ['updated', j.updatedAt ?? '-'],
      ['unpublish at', j.unpublishAt ?? '-'],
      ['bylines', d.bylines.map((u) => `${u.name} <${u.email}>`).join(', ') || '-'],
      ['categories', j.categories.join(', ') || '-'],
      ['tags', j.tags.join(', ') || '-'],
      ['comments', switchText(found.value.comments)],
      ['linkbacks', switchText(found.value.linkbacks)],
      ['send linkbacks', j.linkbacksSend ? 'yes' : 'no'],
      ['trackback to', j.trackbackTo.join(', ') || '-'],
      ['revision', String(j.revision)],
      ['standfirst', j.standfirst || '-'],
      ['excerpt', j.excerpt || '-'],
    ];
    for (const [k, v] of rows) io.out(terminalText(`${k.padEnd(15)}${v}`));
    for (const c of d.corrections) {
      io.out(terminalText(`${c.kind.padEnd(15)}${c.createdAt.toISOString()} ${c.note}`));
    }
    io.out('');
    for (const line of found.value.bodySource.split('\n')) io.out(terminalText(line));
    return EXIT.ok;
  });
}

/** `--category ''` (or `--tag ''`, `--trackback-to ''`) alone clears the list. */
const listFlag = (values: string[] | undefined) =>
  values === undefined ? undefined : values.filter((v) => v.trim() !== '');

async function update(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(
    args,
    {
      title: 'string',
      slug: 'string',
      'body-file': 'string',
      standfirst: 'string',
      excerpt: 'string',
      category: 'strings',
      tag: 'strings',
      author: 'strings',
      comments: 'string',
      'comments-close-at': 'string',
      linkbacks: 'string',
      'linkbacks-close-at': 'string',
      publish: 'boolean',
      at: 'string',
      'unpublish-at': 'string',
      'trackback-to': 'strings',
      'no-linkbacks-send': 'boolean',
      'linkbacks-send': 'boolean',
      silent: 'boolean',
      editor: 'string',
      'expect-revision': 'string',
    },
    1,
  );
  const ref = referenceOf(f._, 'update');
  if (f.publish && f.at) throw new UsageError('use either --publish or --at, not both');
  if (f['no-linkbacks-send'] && f['linkbacks-send']) {
    throw new UsageError('use either --linkbacks-send or --no-linkbacks-send, not both');
  }
  const expectedRevision =
    f['expect-revision'] === undefined
      ? undefined
      : revisionNumber('--expect-revision', f['expect-revision']);
  const changes: ArticleChanges = {
    ...(f.title !== undefined ? { title: f.title } : {}),
    ...(f.slug !== undefined ? { slug: f.slug } : {}),
    ...(f.standfirst !== undefined ? { standfirst: f.standfirst } : {}),
    ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
    ...(f.category !== undefined ? { categories: listFlag(f.category) } : {}),
    ...(f.tag !== undefined ? { tags: listFlag(f.tag) } : {}),
    ...(f.comments !== undefined ? { commentsOpen: openClosed('comments', f.comments) } : {}),
    ...(f.linkbacks !== undefined ? { linkbacksOpen: openClosed('linkbacks', f.linkbacks) } : {}),
    ...(f['comments-close-at'] !== undefined
      ? { commentsCloseAt: dateOrNever('comments-close-at', f['comments-close-at']) }
      : {}),
    ...(f['linkbacks-close-at'] !== undefined
      ? { linkbacksCloseAt: dateOrNever('linkbacks-close-at', f['linkbacks-close-at']) }
      : {}),
    ...(f.publish ? { publish: { kind: 'now' as const } } : {}),
    ...(f.at !== undefined ? { publish: { kind: 'at' as const, at: isoDate('at', f.at) } } : {}),
    ...(f['unpublish-at'] !== undefined
      ? { unpublishAt: dateOrNever('unpublish-at', f['unpublish-at']) }
      : {}),
    ...(f['trackback-to'] !== undefined ? { trackbackTo: listFlag(f['trackback-to']) } : {}),
    ...(f['no-linkbacks-send'] ? { sendLinkbacks: false } : {}),
    ...(f['linkbacks-send'] ? { sendLinkbacks: true } : {}),
  };
  let body: string | undefined;
  if (f['body-file'] !== undefined) {
    const read = await readBodyFile(f['body-file'], io);
    if (typeof read === 'number') return read;
    body = read;
  }
  if (Object.keys(changes).length === 0 && body === undefined && !f.author) {
    throw new UsageError('article update needs at least one field to change (see --help)');
  }
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const editor = await resolveByline(rt.deps, f.editor, '--editor');
    if (!editor.ok) return fail(io, editor.error);
    let bylines: number[] | undefined;
    if (f.author) {
      const authors = await bylineUsers(rt.deps, f.author, '--author');
      if (isFailure(authors)) return fail(io, authors);
      bylines = authors.map((a) => a.id);
    }
    const result = await updateArticle(rt.deps, {
      articleId: found.value.id,
      editorId: editor.value.id,
      changes: {
        ...changes,
        ...(body !== undefined ? { bodyMarkdown: body } : {}),
        ...(bylines ? { bylines } : {}),
      },
      silent: Boolean(f.silent),
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
    if (!result.ok) return fail(io, result.error);
    const u = result.value;
    if (u.changed.length === 0 && !u.revision) {
      io.out(`article ${u.article.id}: no change`);
    } else {
      io.out(
        `article ${u.article.id} ${u.article.status}: revision ${u.revision?.number} changed ${u.changed.map(fieldLabel).join(', ') || 'its status'}${f.silent ? ' (silently)' : ''}`,
      );
      if (u.oldUrl) io.out(`${u.oldUrl} now answers 301 to the new URL`);
    }
    io.out(u.url);
    return EXIT.ok;
  });
}

async function userNames(deps: AppDeps, ids: readonly (number | null)[]): Promise<UserNames> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const users = await deps.repos.users.findByIds(wanted);
  return new Map(users.map((u) => [u.id, u.name]));
}

async function revisions(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 1);
  const ref = referenceOf(f._, 'revisions');
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const listed = await listRevisions(rt.deps, found.value.id);
    if (!listed.ok) return fail(io, listed.error);
    const revs = listed.value.revisions;
    if (f.json) {
      io.out(
        JSON.stringify(
          revs.map((r) => ({
            number: r.number,
            createdAt: r.createdAt.toISOString(),
            editorId: r.editorId,
            reason: r.reason,
            changed: r.changed,
          })),
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    const names = await userNames(
      rt.deps,
      revs.map((r) => r.editorId),
    );
    for (const r of revs) io.out(revisionLine(r, names));
    return EXIT.ok;
  });
}

async function diff(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 3);
  const ref = referenceOf(f._, 'diff');
  const from = revisionNumber('REV', f._[1]);
  const second = f._[2];
  const to =
    second === undefined
      ? undefined
      : second === 'current'
        ? ('current' as const)
        : revisionNumber('the second REV', second);
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const compared = await diffRevisions(rt.deps, { articleId: found.value.id, from, to });
    if (!compared.ok) return fail(io, compared.error);
    const c = compared.value;
    if (f.json) {
      io.out(
        JSON.stringify(
          {
            from: c.from?.number ?? null,
            to: c.to === 'current' ? 'current' : c.to.number,
            ...c.diff,
          },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    const names = await userNames(rt.deps, [
      ...(c.from?.snapshot.bylines ?? []),
      ...(c.to === 'current' ? [] : c.to.snapshot.bylines),
      ...c.diff.fields.flatMap((x) =>
        x.field === 'bylines' ? [x.before, x.after].flat().map(Number) : [],
      ),
    ]);
    for (const line of comparisonLines(c, names)) io.out(line);
    return EXIT.ok;
  });
}

async function restore(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { editor: 'string', 'expect-revision': 'string' }, 2);
  const ref = referenceOf(f._, 'restore');
  const number = revisionNumber('REV', f._[1]);
  const expectedRevision =
    f['expect-revision'] === undefined
      ? undefined
      : revisionNumber('--expect-revision', f['expect-revision']);
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const editor = await resolveByline(rt.deps, f.editor, '--editor');
    if (!editor.ok) return fail(io, editor.error);
    const r = await restoreRevision(rt.deps, {
      articleId: found.value.id,
      number,
      editorId: editor.value.id,
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
    if (!r.ok) return fail(io, r.error);
    const u = r.value;
    if (!u.revision) {
      io.out(`article ${u.article.id}: revision ${number} is what it says already; no change`);
    } else {
      io.out(
        `article ${u.article.id}: revision ${number} restored as revision ${u.revision.number} (changed ${u.changed.map(fieldLabel).join(', ')})`,
      );
      if (u.oldUrl) io.out(`${u.oldUrl} now answers 301 to the new URL`);
    }
    io.out(u.url);
    return EXIT.ok;
  });
}

async function correct(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(
    args,
    { note: 'string', update: 'boolean', editor: 'string', 'expect-revision': 'string' },
    1,
  );
  const ref = referenceOf(f._, 'correct');
  if (f.note === undefined) throw new UsageError('article correct needs --note TEXT');
  const expectedRevision =
    f['expect-revision'] === undefined
      ? undefined
      : revisionNumber('--expect-revision', f['expect-revision']);
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const editor = await resolveByline(rt.deps, f.editor, '--editor');
    if (!editor.ok) return fail(io, editor.error);
    const r = await correctArticle(rt.deps, {
      articleId: found.value.id,
      editorId: editor.value.id,
      kind: f.update ? 'update' : 'correction',
      note: f.note ?? '',
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
    if (!r.ok) return fail(io, r.error);
    io.out(
      `article ${r.value.article.id}: ${r.value.correction.kind} noted (revision ${r.value.revision.number})`,
    );
    io.out(r.value.url);
    return EXIT.ok;
  });
}

async function revision(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 2);
  const ref = referenceOf(f._, 'revision');
  const number = revisionNumber('REV', f._[1]);
  return withRuntime(getConfig(), async (rt) => {
    const found = await findArticle(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const r = await showRevision(rt.deps, found.value.id, number);
    if (!r.ok) return fail(io, r.error);
    const rev = r.value;
    if (f.json) {
      io.out(JSON.stringify({ ...rev, createdAt: rev.createdAt.toISOString() }, null, 2));
      return EXIT.ok;
    }
    const names = await userNames(rt.deps, [rev.editorId, ...rev.snapshot.bylines]);
    io.out(revisionLine(rev, names));
    io.out(terminalText(`title          ${rev.snapshot.title}`));
    io.out(terminalText(`slug           ${rev.snapshot.slug || '-'}`));
    io.out('');
    for (const line of rev.snapshot.bodySource.split('\n')) io.out(terminalText(line));
    return EXIT.ok;
  });
}

export const articleCommand: Command = {
  name: 'article',
  usage: `newsdesk article create --title T --body-file FILE.md [--author EMAIL]... [--category C]... [--tag T]...
                        [--publish | --at ISO-8601] [--comments open|closed] [--linkbacks open|closed]
                        [--standfirst TEXT] [--excerpt TEXT] [--slug S] [--unpublish-at ISO-8601]
                        [--trackback-to URL]... [--no-linkbacks-send] [--featured-image MEDIA_ID]
  newsdesk article list [--status draft|scheduled|published] [--limit N] [--json]
  newsdesk article show ID|URL [--json]
  newsdesk article update ID|URL [--title T] [--slug S] [--body-file FILE.md] [--standfirst TEXT]
                        [--excerpt TEXT] [--category C]... [--tag T]... [--author EMAIL]...
                        [--comments open|closed] [--comments-close-at ISO-8601|never]
                        [--linkbacks open|closed] [--linkbacks-close-at ISO-8601|never]
                        [--publish | --at ISO-8601] [--unpublish-at ISO-8601|never]
                        [--trackback-to URL]... [--no-linkbacks-send | --linkbacks-send]
                        [--silent] [--editor EMAIL] [--expect-revision N]
  newsdesk article revisions ID|URL [--json]
  newsdesk article revision ID|URL REV [--json]
  newsdesk article diff ID|URL REV [REV|current] [--json]
  newsdesk article restore ID|URL REV [--editor EMAIL] [--expect-revision N]
  newsdesk article correct ID|URL --note TEXT [--update] [--editor EMAIL]
${lifecycle.LIFECYCLE_USAGE}
  --author and --editor default to the site's only admin. --category '' clears the categories
  (likewise --tag '' and --trackback-to '').`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, io, getConfig);
    if (sub === 'list') return list(rest, io, getConfig);
    if (sub === 'show') return show(rest, io, getConfig);
    if (sub === 'update') return update(rest, io, getConfig);
    if (sub === 'revisions') return revisions(rest, io, getConfig);
    if (sub === 'revision') return revision(rest, io, getConfig);
    if (sub === 'diff') return diff(rest, io, getConfig);
    if (sub === 'restore') return restore(rest, io, getConfig);
    if (sub === 'correct') return correct(rest, io, getConfig);
    if (sub === 'unpublish') return lifecycle.unpublish(rest, io, getConfig);
    if (sub === 'delete') return lifecycle.remove(rest, io, getConfig);
    if (sub === 'undelete') return lifecycle.undelete(rest, io, getConfig);
    if (sub === 'trash') return lifecycle.trash(rest, io, getConfig);
    throw new UsageError(`unknown subcommand: article ${sub ?? ''}`.trim());
  },
};
