import { siteFediverseThread } from '../main/site-thread.js';
import type { Config } from '../config/config.js';
import { createLogger } from '../main/logger.js';
import { openRuntime, type Runtime } from '../main/runtime.js';

/** Opens the runtime for a one-shot command and always closes it. */
export async function withRuntime<T>(
  config: Config,
  work: (rt: Runtime) => Promise<T>,
): Promise<T> {
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
