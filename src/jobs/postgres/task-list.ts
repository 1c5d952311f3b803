import type { Task, TaskList } from 'graphile-worker';
import type { Logger } from '../../app/ports.js';
import type { TaskRegistry } from '../contract.js';

/**
 * Gives our handlers our helpers instead of graphile-worker's (its pg client stays private).
 * `beforeRun`, when given, is awaited before each handler starts.
 */
export function toTaskList(
  registry: TaskRegistry,
  logger: Logger,
  beforeRun?: () => Promise<void>,
): TaskList {
  const list: Record<string, Task> = {};
  for (const [name, handler] of Object.entries(registry)) {
    list[name] = async (payload, helpers) => {
      const { id, attempts } = helpers.job;
      if (beforeRun) await beforeRun();
      await handler(payload, {
        jobId: id,
        attempt: attempts,
        logger: logger.child({ jobId: id, task: name, attempt: attempts }),
      });
    };
  }
  return list;
}
