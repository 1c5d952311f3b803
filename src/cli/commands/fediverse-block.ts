/**
 * `newsdesk fediverse block|unblock|blocks`: the fediverse blocklists, dispatched by the
 * `fediverse` command (src/cli/commands/fediverse.ts) through FEDIVERSE_BLOCK_SUBCOMMANDS.
 */
import {
  blockFediverse,
  listFediverseBlocks,
  unblockFediverse,
  type BlockOutcome,
} from '../../app/fediverse/blocks.js';
import { EXIT, UsageError, type Command, type CommandIo, type ExitCode } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';
import { cliActor } from './discussion.js';

type GetConfig = Parameters<Command['run']>[2];
type Sub = (args: readonly string[], io: CommandIo, getConfig: GetConfig) => Promise<ExitCode>;

const describe = (o: BlockOutcome): string =>
  o.target.kind === 'actor' ? `actor ${o.target.id}` : `instance ${o.target.host}`;

function change(action: 'block' | 'unblock'): Sub {
  return async (args, io, getConfig) => {
    const f = parseFlags(args, {}, 1);
    const value = f._[0];
    if (!value) throw new UsageError(`fediverse ${action} needs a DOMAIN or an ACTOR id URL`);
    return withRuntime(getConfig(), async (rt) => {
      const run = action === 'block' ? blockFediverse : unblockFediverse;
      const result = await run(rt.deps, { value, actor: cliActor() });
      if (!result.ok) {
        io.err(`error: ${result.error.message}`);
        return exitFor(result.error.code);
      }
      const o = result.value;
      const what = terminalText(describe(o));
      if (action === 'unblock') {
        io.out(o.changed ? `unblocked ${what}` : `${what} was not blocked`);
      } else {
        io.out(
          `${o.changed ? 'blocked' : 'already blocked:'} ${what} (${o.hiddenItems} replies hidden, reactions removed on ${o.removedReactions} articles)`,
        );
      }
      return EXIT.ok;
    });
  };
}

const blocks: Sub = async (args, io, getConfig) => {
  const f = parseFlags(args, { json: 'boolean' });
  return withRuntime(getConfig(), async (rt) => {
    const lists = await listFediverseBlocks(rt.deps);
    if (f.json) io.out(JSON.stringify(lists, null, 2));
    else {
      for (const host of lists.instances) io.out(`instance\t${terminalText(host)}`);
      for (const id of lists.actors) io.out(`actor\t${terminalText(id)}`);
      if (lists.instances.length + lists.actors.length === 0) io.err('no fediverse blocks');
    }
    return EXIT.ok;
  });
};

/** The subcommands this file owns, for the federation side's `fediverse` command to dispatch. */
export const FEDIVERSE_BLOCK_SUBCOMMANDS: Readonly<Record<string, Sub>> = {
  block: change('block'),
  unblock: change('unblock'),
  blocks,
};

export const FEDIVERSE_BLOCK_USAGE = `newsdesk fediverse block DOMAIN|ACTOR
  newsdesk fediverse unblock DOMAIN|ACTOR
  newsdesk fediverse blocks [--json]
  DOMAIN blocks an instance and its subdomains (social.example); ACTOR is an actor's id URL
  (https://social.example/users/name). Blocking hides the replies (moved to spam) and removes
  the likes and boosts already received from them.`;
