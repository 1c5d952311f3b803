import { logMailer } from '../adapters/log-mailer.js';
import { smtpMailer } from '../adapters/smtp-mailer.js';
import type { AppDeps } from '../app/deps.js';
import { PUBLISH_TASK } from '../app/articles/create-article.js';
import { publishScheduledArticle } from '../app/articles/publish-scheduled.js';
import { PURGE_TASK, purgeTrashedArticle } from '../app/articles/trash.js';
import { UNPUBLISH_TASK, unpublishAtItsTime } from '../app/articles/unpublish-article.js';
import { SEND_NOTIFICATION_TASK } from '../app/notifications/queue-notification.js';
import { sendNotification } from '../app/notifications/send-notification.js';
import type { Config } from '../config/config.js';
import type { TaskRegistry } from '../jobs/contract.js';
import {
  DEFAULT_VERIFY_SCHEDULE,
  runVerifyLinkbackJob,
  VERIFY_LINKBACK_TASK,
  type VerifySchedule,
} from '../app/linkbacks/index.js';
import type { Fetcher } from '../net/index.js';

/** Every background task the workers know, as a value passed to the worker loop. */
export function taskRegistry(ctx: {
  deps: AppDeps;
  config: Config;
  fetcher: Fetcher;
}): TaskRegistry {
  const { config } = ctx;
  const site = { title: config.siteTitle, url: config.siteUrl };
  const smtp = config.smtpUrl ? smtpMailer(config.smtpUrl, site) : null;
  const schedule = verifySchedule(config);
  return {
    [VERIFY_LINKBACK_TASK]: (payload, helpers) =>
      runVerifyLinkbackJob({ ...ctx.deps, fetch: ctx.fetcher, schedule }, payload, helpers),
    [PUBLISH_TASK]: async (payload, helpers) => {
      await publishScheduledArticle({ ...ctx.deps, logger: helpers.logger }, payload);
    },
    [UNPUBLISH_TASK]: async (payload, helpers) => {
      await unpublishAtItsTime({ ...ctx.deps, logger: helpers.logger }, payload);
    },
    [PURGE_TASK]: async (payload, helpers) => {
      await purgeTrashedArticle({ ...ctx.deps, logger: helpers.logger }, payload);
    },
    [SEND_NOTIFICATION_TASK]: async (payload, helpers) => {
      const mailer = smtp ?? logMailer(helpers.logger);
      await sendNotification({ ...ctx.deps, mailer, logger: helpers.logger }, payload);
    },
  };
}

/** The linkback verification schedule: the defaults, with what the configuration sets. */
function verifySchedule(config: Config): VerifySchedule {
  return {
    ...DEFAULT_VERIFY_SCHEDULE,
    ...(config.linkbackRetryDelaysMs ? { retryDelaysMs: config.linkbackRetryDelaysMs } : {}),
    ...(config.linkbackRecheckMs === undefined ? {} : { recheckMs: config.linkbackRecheckMs }),
    ...(config.linkbackHideMissingMs === undefined
      ? {}
      : { hideMissingAfterMs: config.linkbackHideMissingMs }),
  };
}
