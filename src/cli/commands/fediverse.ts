import { FEDIVERSE_BLOCK_SUBCOMMANDS, FEDIVERSE_BLOCK_USAGE } from './fediverse-block.js';
import { listDeliveries, listFollowers, type DeliveryStatus } from '../../app/fediverse/admin.js';
import { setAuthorActor } from '../../app/fediverse/author-actors.js';
import { exitFor } from '../exit-codes.js';
import {
  FEDIVERSE_MESSAGE_TASK,
  storedFollowers,
  storedGivenUpDeliveries,
} from '../../main/fediverse.js';
import { EXIT, UsageError, type Command, type CommandIo, type ExitCode } from '../command.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';

type GetConfig = Parameters<Command['run']>[2];
type Subcommand = (
  args: readonly string[],
  io: CommandIo,
  getConfig: GetConfig,
) => Promise<ExitCode>;

const STATUSES: readonly DeliveryStatus[] = ['queued', 'running', 'failed', 'dead'];

async function followers(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' });
  return withRuntime(getConfig(), async (rt) => {
    const rows = await listFollowers(storedFollowers(rt.store));
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else {
      // Handles and inboxes come from other servers: never let them reach the terminal raw.
      for (const r of rows)
        io.out([r.since, r.handle, r.id, r.sharedInbox ?? r.inbox].map(terminalText).join('\t'));
      if (rows.length === 0) io.err('no followers yet');
    }
    return EXIT.ok;
  });
}

async function deliveries(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean', status: 'string' });
  const status = f.status;
  if (status !== undefined && !STATUSES.includes(status as DeliveryStatus)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  }
  return withRuntime(getConfig(), async (rt) => {
    const rows = await listDeliveries(
      rt.jobs.queue,
      FEDIVERSE_MESSAGE_TASK,
      status === undefined ? {} : { status: status as DeliveryStatus },
      await storedGivenUpDeliveries(rt.store),
    );
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else {
      for (const r of rows) {
        const head = [r.jobId, r.status, r.attempts, r.runAt, r.activityType];
        io.out([...head, ...[r.inbox, r.lastError ?? '-'].map(terminalText)].join('\t'));
      }
      if (rows.length === 0) io.err('no deliveries waiting or failing');
    }
    return EXIT.ok;
  });
}

async function author(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, {}, 2);
  const [slug, state] = f._;
  if (slug === undefined || (state !== 'on' && state !== 'off')) {
    throw new UsageError('fediverse author needs a user slug and on or off');
  }
  return withRuntime(getConfig(), async (rt) => {
    const r = await setAuthorActor(rt.deps, slug, state === 'on');
    if (!r.ok) {
      io.err(`error: ${r.error.message}`);
      return exitFor(r.error.code);
    }
    io.out(`${r.value.slug}: author actor ${r.value.on ? 'on' : 'off'}`);
    return EXIT.ok;
  });
}

/** The `fediverse` subcommands: federation's here, the blocklists' from the discussion side. */
export const FEDIVERSE_SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  followers,
  deliveries,
  author,
  ...FEDIVERSE_BLOCK_SUBCOMMANDS,
};

export const fediverseCommand: Command = {
  name: 'fediverse',
  usage: `newsdesk fediverse followers [--json]
  newsdesk fediverse author SLUG on|off
  newsdesk fediverse deliveries [--status queued|running|failed|dead] [--json]
  followers lists who follows @site (since, handle, actor id, inbox). deliveries lists the
  activities waiting for or failing at a follower's inbox; failed includes dead ones. author
  turns a user's own actor (@SLUG@host, posting their bylines) on or off.
  ${FEDIVERSE_BLOCK_USAGE}`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    const run = sub === undefined ? undefined : FEDIVERSE_SUBCOMMANDS[sub];
    if (run === undefined)
      throw new UsageError(`unknown subcommand: fediverse ${sub ?? ''}`.trim());
    return run(rest, io, getConfig);
  },
};
