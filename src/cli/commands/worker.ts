import { siteFediverseThread } from '../../main/site-thread.js';
import { createLogger } from '../../main/logger.js';
import { openRuntime } from '../../main/runtime.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { forcedExitCode, untilStopSignal, within } from '../../main/signals.js';

export const workerCommand: Command = {
  name: 'worker',
  usage: 'newsdesk worker [--concurrency N]',
  async run(args, io, getConfig) {
    const flags = parseFlags(args, { concurrency: 'string' });
    const concurrency = flags.concurrency ? Number(flags.concurrency) : 4;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new UsageError('--concurrency must be a whole number from 1 to 64');
    }
    const config = getConfig();
    const logger = createLogger(config);
    // No HTTP server here, so no /metrics: keep none (prom-client is not even loaded).
    const rt = await openRuntime(config, logger, {
      metrics: false,
      fediverseThread: siteFediverseThread,
    });
    const workers = await rt.startWorkers(concurrency);
    io.out(`worker running (${concurrency} at a time, ${rt.store.caps.dialect})`);
    const signal = await untilStopSignal((again) => {
      logger.warn({ signal: again }, 'second signal: exiting without waiting');
      process.exit(forcedExitCode(again));
    });
    logger.info({ signal }, 'stopping: waiting for running jobs to finish');
    const done = await within(workers.stop(), config.shutdownTimeoutMs);
    await rt.close();
    if (!done) {
      logger.warn('shutdown deadline passed; running jobs are left to another worker');
      return EXIT.tempFail;
    }
    logger.info('stopped');
    return EXIT.ok;
  },
};
