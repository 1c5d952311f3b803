import { readFile } from 'node:fs/promises';
import { createArticle } from '../../app/articles/create-article.js';
import { listArticles } from '../../app/articles/list-articles.js';
import { findUserByEmail } from '../../app/users/find-user.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

function openClosed(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'open') return true;
  if (value === 'closed') return false;
  throw new UsageError(`--${flag} must be open or closed`);
}

function isoDate(value: string): Date {
  // ISO-8601 with a date and time; a zone is required so "09:00" is never ambiguous.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new UsageError(
      `--at expects ISO-8601 with a zone, such as 2026-12-01T09:00:00Z (got ${value})`,
    );
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--at is not a valid date: ${value}`);
  return d;
}

async function create(
  args: readonly string[],
  io: Parameters<Command['run']>[1],
  getConfig: Parameters<Command['run']>[2],
) {
  const f = parseFlags(args, {
    title: 'string',
    'body-file': 'string',
    author: 'string',
    category: 'strings',
    tag: 'strings',
    publish: 'boolean',
    at: 'string',
    comments: 'string',
    linkbacks: 'string',
    excerpt: 'string',
    'trackback-to': 'strings',
    'featured-image': 'string',
  });
  if (!f.title) throw new UsageError('article create needs --title');
  if (!f['body-file']) throw new UsageError('article create needs --body-file (Markdown)');
  if (!f.author) throw new UsageError('article create needs --author (an email address)');
  if (f.publish && f.at) throw new UsageError('use either --publish or --at, not both');
  const publish = f.at
    ? { kind: 'at' as const, at: isoDate(f.at) }
    : f.publish
      ? { kind: 'now' as const }
      : { kind: 'draft' as const };
  const featured = f['featured-image'];
  if (featured !== undefined && !/^[1-9][0-9]{0,11}$/.test(featured))
    throw new UsageError(`--featured-image expects a media ID (got ${featured})`);
  const comments = openClosed('comments', f.comments);
  const linkbacks = openClosed('linkbacks', f.linkbacks);
  let body: string;
  try {
    body = await readFile(f['body-file'], 'utf8');
  } catch (error) {
    io.err(
      `error: cannot read --body-file ${f['body-file']}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return EXIT.notFound;
  }
  return withRuntime(getConfig(), async (rt) => {
    const author = await findUserByEmail(rt.deps, f.author ?? '');
    if (!author) {
      io.err(
        `error: no user with email ${f.author}; add one with: newsdesk user add --email ${f.author} --name NAME --role author`,
      );
      return EXIT.dataError;
    }
    const result = await createArticle(rt.deps, {
      title: f.title ?? '',
      bodyMarkdown: body,
      authorId: author.id,
      categories: f.category ?? [],
      tags: f.tag ?? [],
      publish,
      comments,
      linkbacks,
      excerpt: f.excerpt,
      trackbackTo: f['trackback-to'] ?? [],
      ...(featured ? { featuredMediaId: Number(featured) } : {}),
    });
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    const a = result.value.article;
    io.out(
      `article ${a.id} ${a.status}${a.status === 'scheduled' ? ` for ${a.publishedAt?.toISOString()}` : ''}`,
    );
    io.out(result.value.url);
    return EXIT.ok;
  });
}

async function list(
  args: readonly string[],
  io: Parameters<Command['run']>[1],
  getConfig: Parameters<Command['run']>[2],
) {
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
        io.out(`${r.id}\t${r.status}\t${r.publishedAt ?? '-'}\t${r.title}\t${r.url}`);
    return EXIT.ok;
  });
}

export const articleCommand: Command = {
  name: 'article',
  summary: 'create and list articles',
  usage: `newsdesk article create --title T --body-file FILE.md --author EMAIL [--category C]... [--tag T]...
                        [--publish | --at ISO-8601] [--comments open|closed] [--linkbacks open|closed]
                        [--excerpt TEXT] [--trackback-to URL]... [--featured-image MEDIA_ID]
  newsdesk article list [--status draft|scheduled|published] [--limit N] [--json]`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, io, getConfig);
    if (sub === 'list') return list(rest, io, getConfig);
    throw new UsageError(`unknown subcommand: article ${sub ?? ''}`.trim());
  },
};
