import { userInfo } from 'node:os';
import { findArticleByReference } from '../../app/moderation/find-article.js';
import { itemExcerpt, listDiscussionItems } from '../../app/moderation/list-items.js';
import {
  isModerationTarget,
  moderateItem,
  type ModerationTarget,
  type UnverifiedState,
} from '../../app/moderation/moderate-item.js';
import {
  MODERATION_STATUSES,
  type DiscussionItem,
  type DiscussionKind,
} from '../../domain/discussion-item.js';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';
import type { Runtime } from '../../main/runtime.js';
import type { Result } from '../../domain/result.js';
import type { Failure } from '../../domain/failures.js';
import { replyAsStaff } from '../../app/discussion/staff-reply.js';
import { editStaffReply } from '../../app/moderation/edit-staff-reply.js';
import { staffReplySubscribers } from '../../main/fediverse.js';

type GetConfig = Parameters<Command['run']>[2];

const ACTIONS: Readonly<Record<string, ModerationTarget>> = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
  unapprove: 'pending',
};

/** Who moderates from the CLI: the operating-system account running it. */
export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry (some containers)
  }
  return `cli:${name}`;
}

const row = (i: DiscussionItem) => ({
  id: i.id,
  articleId: i.articleId,
  kind: i.kind,
  type: i.type,
  status: i.status,
  verification: i.verification,
  verificationError: i.verificationError,
  createdAt: i.createdAt.toISOString(),
  authorName: i.authorName,
  authorEmail: i.authorEmail,
  authorUrl: i.authorUrl,
  authorIp: i.authorIp,
  sourceUrl: i.sourceUrl,
  excerpt: itemExcerpt(i),
});

async function list(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, {
    status: 'string',
    article: 'string',
    kind: 'string',
    limit: 'string',
    json: 'boolean',
  });
  const status = f.status;
  if (status !== undefined && !isModerationTarget(status)) {
    throw new UsageError(`--status must be one of ${MODERATION_STATUSES.join(', ')}`);
  }
  if (f.kind !== undefined && !['comment', 'linkback', 'fediverse'].includes(f.kind)) {
    throw new UsageError('--kind must be comment, linkback or fediverse');
  }
  const limit = f.limit ? Number(f.limit) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError('--limit must be 1 to 10000');
  return withRuntime(getConfig(), async (rt) => {
    let articleId: number | undefined;
    if (f.article !== undefined) {
      const article = await findArticleByReference(rt.deps, f.article);
      if (!article) {
        io.err(`error: no article matches ${f.article}`);
        return EXIT.notFound;
      }
      articleId = article.id;
    }
    const items = await listDiscussionItems(rt.deps, {
      status,
      articleId,
      kind: f.kind as DiscussionKind | undefined,
      limit,
    });
    const rows = items.map(row);
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else {
      // Names, addresses and text come from visitors: never let them reach the terminal raw.
      for (const r of rows) {
        const who = r.authorEmail ? `${r.authorName} <${r.authorEmail}>` : r.authorName;
        const fields = [r.id, r.status, r.verification, r.type, r.articleId, r.createdAt];
        io.out([...fields, terminalText(who), terminalText(r.excerpt)].join('\t'));
      }
    }
    return EXIT.ok;
  });
}

async function moderate(
  action: string,
  args: readonly string[],
  io: CommandIo,
  getConfig: GetConfig,
) {
  const f = parseFlags(args, { reason: 'string' }, 1);
  const id = f._[0];
  if (!id || !/^\d{1,12}$/.test(id)) throw new UsageError(`discussion ${action} needs an item ID`);
  const to = ACTIONS[action] as ModerationTarget;
  return withRuntime(getConfig(), async (rt) => {
    const result = await moderateItem(rt.deps, {
      itemId: Number(id),
      to,
      actor: cliActor(),
      reason: f.reason ?? null,
    });
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    const { item, from, changed, awaitingVerification } = result.value;
    io.out(
      changed
        ? `${item.kind} ${item.id}: ${from} → ${item.status}`
        : `${item.kind} ${item.id} is already ${item.status}`,
    );
    if (awaitingVerification) io.err(hiddenWarning(item, awaitingVerification));
    return EXIT.ok;
  });
}

/**
 * `discussion reply|edit ID --as EMAIL --body TEXT`: parses the shared flags, finds the staff
 * member, and runs `act` with them; a failed use case prints its message and maps to an exit code.
 */
function asStaffOnItem(
  verb: 'reply' | 'edit',
  role: string,
  act: (
    rt: Runtime,
    input: { userId: number; itemId: number; text: string },
  ) => Promise<Result<{ id: number }, Failure>>,
  done: (itemId: string, resultId: number) => string,
) {
  return async (args: readonly string[], io: CommandIo, getConfig: GetConfig) => {
    const f = parseFlags(args, { as: 'string', body: 'string' }, 1);
    const id = f._[0];
    if (!id || !/^\d{1,12}$/.test(id)) throw new UsageError(`discussion ${verb} needs an item ID`);
    if (!f.as)
      throw new UsageError(`discussion ${verb} needs --as EMAIL (the staff member ${role})`);
    if (f.body === undefined) throw new UsageError(`discussion ${verb} needs --body TEXT`);
    const { as, body } = { as: f.as, body: f.body };
    return withRuntime(getConfig(), async (rt) => {
      const user = await rt.deps.repos.users.findByEmail(as);
      if (!user) {
        io.err(`error: no user with email ${terminalText(as)}`);
        return EXIT.notFound;
      }
      const r = await act(rt, { userId: user.id, itemId: Number(id), text: body });
      if (!r.ok) {
        io.err(`error: ${r.error.message}`);
        return exitFor(r.error.code);
      }
      io.out(done(id, r.value.id));
      return EXIT.ok;
    });
  };
}

/** A staff answer in the item's thread, under the named user (federated back to a fediverse reply). */
const reply = asStaffOnItem(
  'reply',
  'answering',
  (rt, { userId, itemId, text }) =>
    replyAsStaff(
      { app: rt.deps, subscribers: staffReplySubscribers(rt.fediverse) },
      { userId, parentItemId: itemId, text },
    ),
  (itemId, id) => `comment ${id}: reply to ${itemId} posted`,
);

/** A staff answer's new text, by its author or a moderator (an Update follows it to the fediverse). */
const edit = asStaffOnItem(
  'edit',
  'editing',
  (rt, input) => editStaffReply(rt.deps, input),
  (_itemId, id) => `comment ${id}: edited`,
);

/**
 * An approval is kept even when the item's source has not verified (a moderator may approve ahead
 * of verification), but the moderator is told, on stderr, that the item will not show yet.
 */
function hiddenWarning(item: DiscussionItem, state: UnverifiedState): string {
  const what = `warning: ${item.kind} ${item.id} is approved but will not show`;
  if (state === 'pending') {
    return `${what} until its source verifies (verification is still pending)`;
  }
  const why = item.verificationError ? ` (${terminalText(item.verificationError)})` : '';
  return `${what}: its source failed verification${why}; it shows only if the sender sends it again and the source then verifies`;
}

export const discussionCommand: Command = {
  name: 'discussion',
  usage: `newsdesk discussion list [--status pending|approved|spam|trash] [--article URL|ID]
                           [--kind comment|linkback|fediverse] [--limit N] [--json]
  newsdesk discussion approve|unapprove|spam|trash ID [--reason TEXT]
  newsdesk discussion reply ID --as EMAIL --body TEXT
  newsdesk discussion edit ID --as EMAIL --body TEXT   (a staff answer's new text)
  Moderation is recorded with the actor cli:<your OS user name>. The listing's third column is
  the verification (not-required, pending, verified, rejected); visitor text in it has control
  and bidi characters escaped (\x1b, \u202e), while --json keeps it exact. Approving an item
  whose source has not verified records the approval, exits 0 and warns that it will not show.`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'list') return list(rest, io, getConfig);
    if (sub === 'reply') return reply(rest, io, getConfig);
    if (sub === 'edit') return edit(rest, io, getConfig);
    if (sub && sub in ACTIONS) return moderate(sub, rest, io, getConfig);
    throw new UsageError(`unknown subcommand: discussion ${sub ?? ''}`.trim());
  },
};
