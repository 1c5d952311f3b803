/**
 * The subscribers to article events (src/app/articles/events.ts), wired here once. Each runs in
 * the transaction of the change and enqueues its own durable job. The in-memory page caches need
 * no subscriber: the same transaction bumps the content version through the store's triggers, and
 * every process checks it before serving a page.
 */
import type { ArticleEventSubscriber } from '../app/articles/events.js';
import { queuePurgeOnDelete } from '../app/articles/trash.js';
import { queueUnpublishAt } from '../app/articles/unpublish-article.js';
import { searchIndexSubscriber } from '../app/search/index-subscriber.js';
import type { Config } from '../config/config.js';
import { purgeOnArticleEvent } from '../app/cache/purge.js';
import { sendLinkbacksSubscriber } from '../app/linkbacks/index.js';
import type { DiscussionEventSubscriber } from '../app/discussion/events.js';
import {
  webhookArticleSubscriber,
  webhookDiscussionSubscriber,
} from '../app/webhooks/queue-deliveries.js';

export function articleEventSubscribers(
  config: Config,
  /** Subscribers of features the runtime turned on (federation: src/main/fediverse.ts). */
  extra: readonly ArticleEventSubscriber[] = [],
): ArticleEventSubscriber[] {
  return [
    // A deleted article is purged when its time in the trash is up.
    queuePurgeOnDelete,
    // A live article with an unpublish-at time comes down at that time.
    queueUnpublishAt,
    purgeOnArticleEvent, // edge cache: purge the changed article's keys (app/cache/purge.ts)
    // The pages this article links to hear about it (Webmention, Pingback, TrackBack).
    sendLinkbacksSubscriber({ pingUrls: config.pingServices, websubHubs: config.websubHubs }),
    // The search index follows every change, in the same transaction.
    searchIndexSubscriber,
    // Webhooks: one signed delivery per subscribed hook, sent by the job queue.
    webhookArticleSubscriber,
    ...extra,
  ];
}

/** The subscribers to discussion events (src/app/discussion/events.ts), wired here once. */
export function discussionEventSubscribers(
  config: Config,
  /** Subscribers of features the runtime turned on (federation: src/main/fediverse.ts). */
  extra: readonly DiscussionEventSubscriber[] = [],
): DiscussionEventSubscriber[] {
  return [
    // Webhooks hear about received, held and approved comments and linkbacks.
    webhookDiscussionSubscriber({ siteUrl: config.siteUrl, timezone: config.timezone }),
    ...extra,
  ];
}
