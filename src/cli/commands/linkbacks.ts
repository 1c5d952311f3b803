import {
  outboundLedger,
  resendLinkbacks,
  type OutboundLinkback,
} from '../../app/linkbacks/index.js';
import { sendDeps } from '../../main/send-linkbacks.js';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';

type GetConfig = Parameters<Command['run']>[2];

const row = (r: OutboundLinkback) => ({
  id: r.id,
  target: r.targetUrl,
  kind: r.kind,
  protocol: r.protocol,
  endpoint: r.endpoint,
  status: r.status,
  httpStatus: r.httpStatus,
  statusUrl: r.statusUrl,
  attempts: r.attempts,
  lastError: r.lastError,
  linked: r.linked,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  sentAt: r.sentAt?.toISOString() ?? null,
  updatedAt: r.updatedAt.toISOString(),
});

function articleArg(f: { _: string[] }, sub: string): string {
  const ref = f._[0];
  if (!ref) throw new UsageError(`linkbacks ${sub} needs an article URL or ID`);
  return ref;
}

async function outbound(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { json: 'boolean' }, 1);
  const ref = articleArg(f, 'outbound');
  return withRuntime(getConfig(), async (rt) => {
    const ledger = await outboundLedger(rt.deps, ref);
    if (!ledger.ok) {
      io.err(`error: ${ledger.error.message}`);
      return exitFor(ledger.error.code);
    }
    const rows = ledger.value.rows.map(row);
    if (f.json) io.out(JSON.stringify(rows, null, 2));
    else {
      // Targets, endpoints and errors come from other sites: never let them reach the terminal raw.
      for (const r of rows) {
        const fields = [r.id, r.status, r.protocol ?? '-', r.httpStatus ?? '-', r.attempts];
        const tail = [r.target, r.endpoint ?? '-', r.statusUrl ?? '-', r.lastError ?? '-'];
        io.out([...fields, ...tail.map(terminalText)].join('\t'));
      }
      if (rows.length === 0) io.err('no outbound linkbacks for this article yet');
    }
    return EXIT.ok;
  });
}

async function resend(args: readonly string[], io: CommandIo, getConfig: GetConfig) {
  const f = parseFlags(args, { target: 'string' }, 1);
  const ref = articleArg(f, 'resend');
  return withRuntime(getConfig(), async (rt) => {
    const deps = sendDeps({ deps: rt.deps, config: rt.config, fetcher: rt.fetcher });
    const result = await resendLinkbacks(deps, ref, f.target);
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return exitFor(result.error.code);
    }
    const { queued, planned } = result.value;
    io.out(
      planned
        ? 'no ledger yet: the article’s links are queued to be worked out and sent'
        : `${queued} target${queued === 1 ? '' : 's'} queued to be sent again`,
    );
    return EXIT.ok;
  });
}

export const linkbacksCommand: Command = {
  name: 'linkbacks',
  usage: `newsdesk linkbacks outbound URL|ID [--json]
  newsdesk linkbacks resend URL|ID [--target T]
  outbound lists every page the article notified (or will): status (queued, sent, failed,
  gave_up, no_endpoint, skipped), protocol, the receiver's HTTP status, attempts, target,
  endpoint, status URL and last error. resend queues the targets again (or only T); the
  workers send them.`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'outbound') return outbound(rest, io, getConfig);
    if (sub === 'resend') return resend(rest, io, getConfig);
    throw new UsageError(`unknown subcommand: linkbacks ${sub ?? ''}`.trim());
  },
};
