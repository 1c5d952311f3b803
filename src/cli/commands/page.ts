/** `page create|update|list`: static pages at /slug/ (About, Corrections policy, Contact). */
import { readFile } from 'node:fs/promises';
import { articleByReference } from '../../app/articles/article-reference.js';
import { createPage, listPages, updatePage } from '../../app/articles/pages.js';
import { resolveByline } from '../../app/users/find-user.js';
import type { Failure } from '../../domain/failures.js';
import { EXIT, UsageError, type Command, type CommandIo, type ExitCode } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';

type GetConfig = Parameters<Command['run']>[2];

const fail = (io: CommandIo, f: Failure): ExitCode => {
  io.err(`error: ${terminalText(f.message)}`);
  return exitFor(f.code);
};

/** The body file's text, or the exit code after saying why it cannot be read. */
async function readBody(io: CommandIo, file: string): Promise<string | ExitCode> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    io.err(
      `error: cannot read --body-file ${terminalText(file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return EXIT.notFound;
  }
}

function openClosed(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'open') return true;
  if (value === 'closed') return false;
  throw new UsageError(`--${flag} must be open or closed`);
}

async function create(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, {
    title: 'string',
    'body-file': 'string',
    slug: 'string',
    publish: 'boolean',
    author: 'string',
    comments: 'string',
    linkbacks: 'string',
  });
  if (!f.title) throw new UsageError('page create needs --title');
  if (!f['body-file']) throw new UsageError('page create needs --body-file (Markdown)');
  const comments = openClosed('comments', f.comments);
  const linkbacks = openClosed('linkbacks', f.linkbacks);
  const body = await readBody(io, f['body-file']);
  if (typeof body !== 'string') return body;
  return withRuntime(getConfig(), async (rt) => {
    const author = await resolveByline(rt.deps, f.author);
    if (!author.ok) return fail(io, author.error);
    const result = await createPage(rt.deps, {
      title: f.title ?? '',
      bodyMarkdown: body,
      authorId: author.value.id,
      publish: f.publish === true,
      ...(f.slug === undefined ? {} : { slug: f.slug }),
      ...(comments === undefined ? {} : { comments }),
      ...(linkbacks === undefined ? {} : { linkbacks }),
    });
    if (!result.ok) return fail(io, result.error);
    io.out(`page ${result.value.article.id} ${result.value.article.status}`);
    io.out(result.value.url);
    return EXIT.ok;
  });
}

async function update(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(
    args,
    { title: 'string', 'body-file': 'string', slug: 'string', editor: 'string' },
    1,
  );
  const [ref] = f._;
  if (ref === undefined) throw new UsageError('page update needs the page: ID or URL');
  if (f.title === undefined && f['body-file'] === undefined && f.slug === undefined) {
    throw new UsageError('page update needs at least one of --title, --body-file, --slug');
  }
  let body: string | undefined;
  if (f['body-file'] !== undefined) {
    const read = await readBody(io, f['body-file']);
    if (typeof read !== 'string') return read;
    body = read;
  }
  return withRuntime(getConfig(), async (rt) => {
    const found = await articleByReference(rt.deps, ref);
    if (!found.ok) return fail(io, found.error);
    const editor = await resolveByline(rt.deps, f.editor, '--editor');
    if (!editor.ok) return fail(io, editor.error);
    const result = await updatePage(rt.deps, {
      articleId: found.value.id,
      editorId: editor.value.id,
      ...(f.title === undefined ? {} : { title: f.title }),
      ...(body === undefined ? {} : { bodyMarkdown: body }),
      ...(f.slug === undefined ? {} : { slug: f.slug }),
    });
    if (!result.ok) return fail(io, result.error);
    const { article, url, changed } = result.value;
    io.out(
      changed.length === 0
        ? `page ${article.id} unchanged`
        : `page ${article.id} updated: ${changed.join(', ')}`,
    );
    io.out(url);
    return EXIT.ok;
  });
}

async function list(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' });
  return withRuntime(getConfig(), async (rt) => {
    const rows = (await listPages(rt.deps)).map(({ article: a, url }) => ({
      id: a.id,
      status: a.status,
      slug: a.slug,
      title: a.title,
      url,
    }));
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else for (const r of rows) io.out(`${r.id}\t${r.status}\t${terminalText(r.title)}\t${r.url}`);
    return EXIT.ok;
  });
}

export const pageCommand: Command = {
  name: 'page',
  usage: `newsdesk page create --title T --body-file FILE.md [--slug S] [--publish] [--author EMAIL]
                        [--comments open|closed] [--linkbacks open|closed]
  newsdesk page update ID|URL [--title T] [--body-file FILE.md] [--slug S] [--editor EMAIL]
  newsdesk page list [--json]`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, io, getConfig);
    if (sub === 'update') return update(rest, io, getConfig);
    if (sub === 'list') return list(rest, io, getConfig);
    throw new UsageError(`unknown subcommand: page ${sub ?? ''}`.trim());
  },
};
