/**
 * The subscribers to article events (src/app/articles/events.ts), wired here once. Each runs in
 * the transaction of the change and enqueues its own durable job. The in-memory page caches need
 * no subscriber: the same transaction bumps the content version through the store's triggers, and
 * every process checks it before serving a page.
 */
import type { ArticleEventSubscriber } from '../app/articles/events.js';
import type { Config } from '../config/config.js';
import { sendLinkbacksSubscriber } from '../app/linkbacks/index.js';

export function articleEventSubscribers(config: Config): ArticleEventSubscriber[] {
  return [
    sendLinkbacksSubscriber({ pingUrls: config.pingServices, websubHubs: config.websubHubs }),
  ];
}
