import { reindexSearch } from '../../app/search/reindex.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

export const searchCommand: Command = {
  name: 'search',
  usage: 'newsdesk search reindex',
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub !== 'reindex') throw new UsageError(`unknown subcommand: search ${sub ?? ''}`.trim());
    parseFlags(rest, {});
    return withRuntime(getConfig(), async (rt) => {
      const started = Date.now();
      const n = await reindexSearch(rt.deps);
      io.out(`indexed ${n} articles and pages in ${Date.now() - started} ms`);
      return EXIT.ok;
    });
  },
};
