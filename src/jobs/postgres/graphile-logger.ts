import { Logger as GraphileLogger, type LogFunctionFactory } from 'graphile-worker';
import type { Logger } from '../../app/ports.js';

/** Routes graphile-worker's log lines (levels error, warning, info, debug) to our logger. */
export function toGraphileLogger(logger: Logger): GraphileLogger {
  const factory: LogFunctionFactory = (scope) => {
    const scoped = logger.child({ ...scope });
    return (level, message, meta) => {
      const fields = { ...meta };
      switch (String(level)) {
        case 'error':
          return scoped.error(fields, message);
        case 'warning':
          return scoped.warn(fields, message);
        case 'info':
          return scoped.info(fields, message);
        default:
          return scoped.debug(fields, message);
      }
    };
  };
  return new GraphileLogger(factory);
}
