import { logMailer } from '../adapters/log-mailer.js';
import { smtpMailer } from '../adapters/smtp-mailer.js';
import type { AppDeps } from '../app/deps.js';
import type { MediaDeps } from '../app/media/deps.js';
import { MEDIA_VARIANTS_TASK, runMediaVariantsJob } from '../app/media/generate-variants.js';
import { PUBLISH_TASK } from '../app/articles/create-article.js';
import { publishScheduledArticle } from '../app/articles/publish-scheduled.js';
import { PURGE_TRASH_TASK, purgeTrashedArticle } from '../app/articles/trash.js';
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
import { sendingTasks } from './send-linkbacks.js';
import type { Fetcher } from '../net/index.js';
import type { EdgePurger } from '../app/cache/ports.js';
import { EDGE_PURGE_TASK, runPurgeJob } from '../app/cache/purge.js';
import { runWebhookDelivery } from '../app/webhooks/deliver.js';
import { WEBHOOK_DELIVER_TASK } from '../app/webhooks/queue-deliveries.js';
import { DEFAULT_WEBHOOK_SCHEDULE, type WebhookSchedule } from '../app/webhooks/schedule.js';

/** Every background task the workers know, as a value passed to the worker loop. */
export function taskRegistry(ctx: {
  deps: AppDeps;
  config: Config;
  fetcher: Fetcher;
  media: MediaDeps;
  purger: EdgePurger;
  /** Webhook retries and disabling, when not the defaults (tests use short ones). */
  webhookSchedule?: WebhookSchedule;
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
    [PURGE_TRASH_TASK]: async (payload, helpers) => {
      await purgeTrashedArticle({ ...ctx.deps, logger: helpers.logger }, payload);
    },
    [MEDIA_VARIANTS_TASK]: async (payload, helpers) => {
      await runMediaVariantsJob({ ...ctx.media, logger: helpers.logger }, payload);
    },
    [EDGE_PURGE_TASK]: (payload, helpers) =>
      runPurgeJob({ purger: ctx.purger, logger: helpers.logger }, payload),
    [SEND_NOTIFICATION_TASK]: async (payload, helpers) => {
      const mailer = smtp ?? logMailer(helpers.logger);
      await sendNotification({ ...ctx.deps, mailer, logger: helpers.logger }, payload);
    },
    ...sendingTasks(ctx),
    [WEBHOOK_DELIVER_TASK]: (payload, helpers) =>
      runWebhookDelivery(
        {
          ...ctx.deps,
          fetch: ctx.fetcher,
          schedule: ctx.webhookSchedule ?? DEFAULT_WEBHOOK_SCHEDULE,
          logger: helpers.logger,
          siteTitle: config.siteTitle,
        },
        payload,
      ),
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
