import type { JobStatus } from '../../jobs/contract.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

const STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'dead'];

export const jobsCommand: Command = {
  name: 'jobs',
  usage: `newsdesk jobs list [--status queued|running|done|dead] [--limit N] [--json]
  newsdesk jobs retry ID`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'list') {
      const f = parseFlags(rest, { status: 'string', limit: 'string', json: 'boolean' });
      if (f.status && !STATUSES.includes(f.status as JobStatus)) {
        throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
      }
      const limit = f.limit ? Number(f.limit) : 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new UsageError('--limit must be 1 to 10000');
      }
      return withRuntime(getConfig(), async (rt) => {
        const jobs = await rt.jobs.queue.list({ status: f.status as JobStatus | undefined, limit });
        if (f.json) io.out(JSON.stringify(jobs, null, 2));
        else {
          for (const j of jobs) {
            const error = j.lastError ? `\t${j.lastError.split('\n')[0]}` : '';
            io.out(
              `${j.id}\t${j.status}\t${j.task}\t${j.runAt.toISOString()}\t${j.attempts}/${j.maxAttempts}${error}`,
            );
          }
          if (jobs.length === 0) io.out('no jobs');
        }
        return EXIT.ok;
      });
    }
    if (sub === 'retry') {
      const f = parseFlags(rest, {}, 1);
      const id = f._[0];
      if (!id) throw new UsageError('jobs retry needs a job ID (see newsdesk jobs list)');
      return withRuntime(getConfig(), async (rt) => {
        if (await rt.jobs.queue.retry(id)) {
          io.out(`job ${id} requeued`);
          return EXIT.ok;
        }
        io.err(`job ${id} cannot be retried: no such job, or it is running or done`);
        return EXIT.dataError;
      });
    }
    throw new UsageError(`unknown subcommand: jobs ${sub ?? ''}`.trim());
  },
};
