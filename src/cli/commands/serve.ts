import { openRuntime } from '../../main/runtime.js';
import { createLogger } from '../../main/logger.js';
import { setupLinkIfNeeded } from '../../app/auth/setup.js';
import { seedDemoContent } from '../../main/demo-content.js';
import { startHttpServer } from '../../main/server.js';
import { EXIT, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the web server (and, by default, the job workers)',
  usage: 'newsdesk serve [--no-workers] [--no-demo]',
  async run(args, io, getConfig) {
    const flags = parseFlags(args, { 'no-workers': 'boolean', 'no-demo': 'boolean' });
    const config = getConfig();
    const logger = createLogger(config);
    const rt = await openRuntime(config, logger);
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
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    logger.info('shutting down');
    await server.close();
    await workers?.stop();
    await rt.close();
    return EXIT.ok;
  },
};
