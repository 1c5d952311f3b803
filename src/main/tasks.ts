import type { AppDeps } from '../app/deps.js';
import { PUBLISH_TASK } from '../app/articles/create-article.js';
import { publishScheduledArticle } from '../app/articles/publish-scheduled.js';
import type { Config } from '../config/config.js';
import type { TaskRegistry } from '../jobs/contract.js';

/** Every background task the workers know, as a value passed to the worker loop. */
export function taskRegistry(ctx: { deps: AppDeps; config: Config }): TaskRegistry {
  return {
    [PUBLISH_TASK]: async (payload, helpers) => {
      await publishScheduledArticle({ ...ctx.deps, logger: helpers.logger }, payload);
    },
  };
}
