import { siteFediverseThread } from '../../main/site-thread.js';
import { openRuntime } from '../../main/runtime.js';
import { createLogger } from '../../main/logger.js';
import { setupLinkIfNeeded } from '../../app/auth/setup.js';
import { seedDemoContent } from '../../main/demo-content.js';
import { startHttpServer } from '../../main/server.js';
import { EXIT, type Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { forcedExitCode, untilStopSignal, within } from '../../main/signals.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'newsdesk serve [--no-workers] [--no-demo]',
  async run(args, io, getConfig) {
    const flags = parseFlags(args, { 'no-workers': 'boolean', 'no-demo': 'boolean' });
    const config = getConfig();
    const logger = createLogger(config);
    const rt = await openRuntime(config, logger, { fediverseThread: siteFediverseThread });
    if (config.demoContent && !flags['no-demo'] && (await seedDemoContent(rt.deps))) {
      logger.info('empty database: demo content written');
    }
    const workers =
      config.inProcessWorkers && !flags['no-workers'] ? await rt.startWorkers() : null;
    const server = await startHttpServer(rt, config.host, config.port);
    logger.info({ node: process.version, database: rt.store.caps.dialect }, 'runtime');
    io.out(`listening on ${server.url} (Node ${process.version}, ${config.database.kind})`);
    const setup = await setupLinkIfNeeded(rt.deps);
    if (setup) io.out(`no owner yet: create one at ${server.url}${setup} (valid for 24 hours)`);
    const signal = await untilStopSignal((again) => {
      logger.warn({ signal: again }, 'second signal: exiting without waiting');
      process.exit(forcedExitCode(again));
    });
    const timeoutMs = config.shutdownTimeoutMs;
    logger.info({ signal, timeoutMs }, 'shutting down: finishing requests and jobs in flight');
    // Both drain at once, within one deadline: requests first answered, jobs finished or left
    // to their lease (SQLite) or heartbeat (PostgreSQL) for another worker.
    const [requestsDone, jobsDone] = await Promise.all([
      server.shutdown(timeoutMs),
      workers ? within(workers.stop(), timeoutMs) : Promise.resolve(true),
    ]);
    await rt.close();
    if (!requestsDone || !jobsDone) {
      logger.warn({ requestsDone, jobsDone }, 'shutdown deadline passed; some work was cut off');
      return EXIT.tempFail;
    }
    logger.info('stopped');
    return EXIT.ok;
  },
};
