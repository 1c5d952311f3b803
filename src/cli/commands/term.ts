import type { Term, TermKind } from '../../domain/article.js';
import { createTerm, deleteTerm, listTerms, updateTerm } from '../../app/terms/manage-terms.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

const USAGE = `newsdesk term list category|tag [--json]
newsdesk term add category|tag --name NAME [--slug S] [--parent ID] [--description D]
newsdesk term update ID [--name NAME] [--slug S] [--parent ID|none] [--description D]
newsdesk term delete ID
  Deleting a term takes it off its articles (they keep their other terms); a deleted
  category's subcategories move up to its parent.`;

const kindOf = (v: string | undefined): TermKind => {
  if (v === 'category' || v === 'tag') return v;
  throw new UsageError('expected the kind: category or tag');
};

const idOf = (v: string | undefined, what: string): number => {
  if (v === undefined || !/^[1-9][0-9]{0,15}$/.test(v))
    throw new UsageError(`${what} must be a term id (a positive number)`);
  return Number(v);
};

const show = (t: Term) =>
  `${t.kind} ${t.id}: ${t.name} (${t.slug})${t.parentId === null ? '' : ` under ${t.parentId}`}`;

export const termCommand: Command = {
  name: 'term',
  usage: USAGE,
  async run(args, io, getConfig) {
    const [sub, first, ...rest] = args;
    const flags = parseFlags(rest, {
      name: 'string',
      slug: 'string',
      parent: 'string',
      description: 'string',
      json: 'boolean',
    });
    const parent =
      flags.parent === undefined
        ? undefined
        : flags.parent === 'none'
          ? null
          : idOf(flags.parent, '--parent');
    const report = (
      r:
        | { ok: true; value: Term }
        | { ok: false; error: { code: Parameters<typeof exitFor>[0]; message: string } },
      verb: string,
    ) => {
      if (!r.ok) {
        io.err(`error: ${r.error.message}`);
        return exitFor(r.error.code);
      }
      io.out(`${verb} ${show(r.value)}`);
      return EXIT.ok;
    };
    switch (sub) {
      case 'list': {
        const kind = kindOf(first);
        return withRuntime(getConfig(), async (rt) => {
          const terms = await listTerms(rt.deps, kind);
          if (flags.json) io.out(JSON.stringify(terms));
          else for (const t of terms) io.out(`${show(t)}, ${t.articleCount} articles`);
          return EXIT.ok;
        });
      }
      case 'add': {
        const kind = kindOf(first);
        if (flags.name === undefined) throw new UsageError('term add needs --name');
        return withRuntime(getConfig(), async (rt) =>
          report(
            await createTerm(rt.deps, 'cli', {
              kind,
              name: flags.name ?? '',
              slug: flags.slug,
              parentId: parent,
              description: flags.description,
            }),
            'added',
          ),
        );
      }
      case 'update': {
        const id = idOf(first, 'ID');
        return withRuntime(getConfig(), async (rt) =>
          report(
            await updateTerm(rt.deps, 'cli', id, {
              name: flags.name,
              slug: flags.slug,
              parentId: parent,
              description: flags.description,
            }),
            'updated',
          ),
        );
      }
      case 'delete': {
        const id = idOf(first, 'ID');
        return withRuntime(getConfig(), async (rt) =>
          report(await deleteTerm(rt.deps, 'cli', id), 'deleted'),
        );
      }
      default:
        throw new UsageError(`unknown subcommand: term ${sub ?? ''}`.trim());
    }
  },
};
