import { createLogger } from '../../main/logger.js';
import { openRuntime } from '../../main/runtime.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run the job workers alone (for deployments with several app processes)',
  usage: 'newsdesk worker [--concurrency N]',
  async run(args, io, getConfig) {
    const flags = parseFlags(args, { concurrency: 'string' });
    const concurrency = flags.concurrency ? Number(flags.concurrency) : 4;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new UsageError('--concurrency must be a whole number from 1 to 64');
    }
    const config = getConfig();
    const logger = createLogger(config);
    const rt = await openRuntime(config, logger);
    const workers = await rt.startWorkers(concurrency);
    io.out(`worker running (${concurrency} at a time, ${rt.store.caps.dialect})`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    logger.info('stopping: waiting for running jobs to finish');
    await workers.stop();
    await rt.close();
    return EXIT.ok;
  },
};
