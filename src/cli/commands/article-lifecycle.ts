/**
 * `article unpublish|delete|undelete|trash`: the lifecycle commands, dispatched from article.ts.
 * The operator acts without an account (the event's actor is empty), as `discussion` does.
 */
import { articleByReference } from '../../app/articles/article-reference.js';
import { deleteArticle, listTrash, undeleteArticle } from '../../app/articles/trash.js';
import { unpublishArticle } from '../../app/articles/unpublish-article.js';
import { articleUrl } from '../../app/articles/create-article.js';
import type { Article } from '../../domain/article.js';
import type { Failure } from '../../domain/failures.js';
import { wasPublic } from '../../domain/lifecycle.js';
import { EXIT, UsageError, type Command, type CommandIo, type ExitCode } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';
import type { Runtime } from '../../main/runtime.js';

type GetConfig = Parameters<Command['run']>[2];

export const LIFECYCLE_USAGE = `  newsdesk article unpublish ID|URL
  newsdesk article delete ID|URL
  newsdesk article undelete ID
  newsdesk article trash [--json]`;

const fail = (io: CommandIo, f: Failure): ExitCode => {
  io.err(`error: ${terminalText(f.message)}`);
  return exitFor(f.code);
};

function oneReference(args: readonly string[], what: string, idOnly = false): string {
  const f = parseFlags(args, {}, 1);
  const [ref] = f._;
  if (ref === undefined)
    throw new UsageError(`article ${what} needs ${idOnly ? 'an ID' : 'an ID or URL'}`);
  if (idOnly && !/^\d+$/.test(ref.trim())) {
    throw new UsageError(`article ${what} needs the article's id (see: newsdesk article trash)`);
  }
  return ref;
}

type Action = (
  rt: Runtime,
  article: Article,
) => Promise<{ ok: true; value: Article } | { ok: false; error: Failure }>;

async function act(
  args: readonly string[],
  io: CommandIo,
  getConfig: GetConfig,
  what: string,
  action: Action,
  done: (a: Article, url: string) => string,
  idOnly = false,
): Promise<ExitCode> {
  const ref = oneReference(args, what, idOnly);
  return withRuntime(getConfig(), async (rt) => {
    const found = await articleByReference(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const result = await action(rt, found.value);
    if (!result.ok) return fail(io, result.error);
    io.out(done(result.value, articleUrl(rt.deps, result.value)));
    return EXIT.ok;
  });
}

export function unpublish(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  return act(
    args,
    io,
    getConfig,
    'unpublish',
    (rt, a) => unpublishArticle(rt.deps, { articleId: a.id, actorId: null }),
    (a, url) =>
      `${a.kind} ${a.id} unpublished (now a draft); ${url} answers ${wasPublic(a) ? '410 Gone' : '404'}`,
  );
}

export function remove(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  return act(
    args,
    io,
    getConfig,
    'delete',
    (rt, a) => deleteArticle(rt.deps, { articleId: a.id, actorId: null }),
    (a) =>
      `${a.kind} ${a.id} moved to the trash; restore it within 30 days with: newsdesk article undelete ${a.id}`,
  );
}

export function undelete(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  return act(
    args,
    io,
    getConfig,
    'undelete',
    (rt, a) => undeleteArticle(rt.deps, { articleId: a.id, actorId: null }),
    (a, url) => `${a.kind} ${a.id} restored from the trash (${a.status})\n${url}`,
    true,
  );
}

export async function trash(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' });
  return withRuntime(getConfig(), async (rt) => {
    const rows = (await listTrash(rt.deps, 1_000)).map((t) => ({
      id: t.article.id,
      kind: t.article.kind,
      status: t.article.status,
      title: t.article.title,
      deletedAt: t.article.deletedAt?.toISOString() ?? null,
      purgeAt: t.purgeAt.toISOString(),
      daysLeft: t.daysLeft,
      url: t.url,
    }));
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) io.out('the trash is empty');
    else
      for (const r of rows)
        io.out(`${r.id}\t${r.kind}\t${r.daysLeft} days left\t${terminalText(r.title)}\t${r.url}`);
    return EXIT.ok;
  });
}
