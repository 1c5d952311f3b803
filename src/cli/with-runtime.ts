import type { Config } from '../config/config.js';
import type { Runtime } from '../main/runtime.js';

/**
 * Opens the runtime for a one-shot command and always closes it. The runtime's modules are
 * imported here, on first use, so a command's module (and its --help) loads without them.
 */
export async function withRuntime<T>(
  config: Config,
  work: (rt: Runtime) => Promise<T>,
): Promise<T> {
  const [{ openRuntime }, { createLogger }, { siteFediverseThread }] = await Promise.all([
    import('../main/runtime.js'),
    import('../main/logger.js'),
    import('../main/site-thread.js'),
  ]);
  const rt = await openRuntime(
    config,
    createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }),
    { metrics: false, fediverseThread: siteFediverseThread },
  );
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}
