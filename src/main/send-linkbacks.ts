import {
  PING_UPDATE_SERVICE_TASK,
  planLinkbacks,
  PLAN_LINKBACKS_TASK,
  runSendLinkbackJob,
  runUpdateServiceJob,
  SEND_LINKBACK_TASK,
  type SendDeps,
  type SendSchedule,
} from '../app/linkbacks/index.js';
import type { AppDeps } from '../app/deps.js';
import type { Config } from '../config/config.js';
import type { TaskRegistry } from '../jobs/contract.js';
import type { Fetcher } from '../net/index.js';

/** The sending side's dependencies: the app's, the guarded fetcher and the site's name. */
export function sendDeps(ctx: {
  deps: AppDeps;
  config: Config;
  fetcher: Fetcher;
  schedule?: SendSchedule;
}): SendDeps {
  return {
    ...ctx.deps,
    fetch: ctx.fetcher,
    siteTitle: ctx.config.siteTitle,
    ...(ctx.schedule ? { schedule: ctx.schedule } : {}),
  };
}

/** The three sending tasks (src/app/linkbacks/send-jobs.ts describes them). */
export function sendingTasks(ctx: {
  deps: AppDeps;
  config: Config;
  fetcher: Fetcher;
}): TaskRegistry {
  const deps = sendDeps(ctx);
  return {
    [PLAN_LINKBACKS_TASK]: async (payload, helpers) => {
      await planLinkbacks({ ...deps, logger: helpers.logger }, payload);
    },
    [SEND_LINKBACK_TASK]: async (payload, helpers) => {
      await runSendLinkbackJob(deps, payload, helpers);
    },
    [PING_UPDATE_SERVICE_TASK]: async (payload, helpers) => {
      await runUpdateServiceJob({ ...deps, logger: helpers.logger }, payload, helpers);
    },
  };
}
