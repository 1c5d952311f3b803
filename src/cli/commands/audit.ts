import { listAudit } from '../../app/auth/audit.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'read the audit log (sign-ins, moderation, settings and role changes)',
  usage: 'newsdesk audit [--action A] [--limit N] [--before ID] [--json]',
  async run(args, io, getConfig) {
    const f = parseFlags(args, {
      action: 'string',
      limit: 'string',
      before: 'string',
      json: 'boolean',
    });
    const limit = f.limit ? Number(f.limit) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new UsageError('--limit must be 1 to 10000');
    }
    const before = f.before === undefined ? undefined : Number(f.before);
    if (before !== undefined && (!Number.isInteger(before) || before < 1)) {
      throw new UsageError('--before must be an entry id');
    }
    if (f.action !== undefined && !/^[a-z.-]{1,60}$/.test(f.action)) {
      throw new UsageError('--action is a name such as auth.sign-in or discussion.moderate');
    }
    return withRuntime(getConfig(), async (rt) => {
      const entries = await listAudit(rt.deps, {
        ...(f.action ? { action: f.action } : {}),
        ...(before ? { before } : {}),
        limit,
      });
      if (f.json) io.out(JSON.stringify(entries, null, 2));
      else {
        for (const e of entries) {
          io.out(
            `${e.id}\t${e.createdAt.toISOString()}\t${e.actor}\t${e.action}\t${e.subject ?? '-'}\t${e.ip ?? '-'}`,
          );
        }
        if (entries.length === 0) io.out('no entries');
      }
      return EXIT.ok;
    });
  },
};
