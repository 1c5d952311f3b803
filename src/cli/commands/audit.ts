import { listAudit } from '../../app/auth/audit.js';
import { parseAuditQuery } from '../../app/auth/audit-query.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { terminalText } from '../terminal-text.js';
import { withRuntime } from '../with-runtime.js';

export const auditCommand: Command = {
  name: 'audit',
  usage: `newsdesk audit [--since D] [--until D] [--actor WHO] [--action A] [--limit N] [--before ID] [--json]
  --since/--until take a day (2026-12-01, UTC; --until includes the whole day) or a time with a
  zone; --actor a user id, or part of an email or of cli/system; --action an action
  (auth.sign-in) or a kind (auth). The same filters as /admin/audit.`,
  async run(args, io, getConfig) {
    const f = parseFlags(args, {
      since: 'string',
      until: 'string',
      actor: 'string',
      action: 'string',
      limit: 'string',
      before: 'string',
      json: 'boolean',
    });
    const limit = f.limit ? Number(f.limit) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new UsageError('--limit must be 1 to 10000');
    }
    const filter = parseAuditQuery(f);
    if (!filter.ok) {
      const fields = filter.error.fields ?? {};
      throw new UsageError(
        terminalText(
          Object.values(fields)
            .map((m) => `--${m}`)
            .join('; ') || filter.error.message,
        ),
      );
    }
    return withRuntime(getConfig(), async (rt) => {
      const entries = await listAudit(rt.deps, { ...filter.value, limit });
      if (f.json) io.out(JSON.stringify(entries, null, 2));
      else {
        for (const e of entries) {
          const cells = [e.id, e.createdAt.toISOString(), e.actor, e.action, e.subject ?? '-'];
          io.out([...cells, e.ip ?? '-'].map((x) => terminalText(String(x))).join('\t'));
        }
        if (entries.length === 0) io.out('no entries');
      }
      return EXIT.ok;
    });
  },
};
