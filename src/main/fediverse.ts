/**
 * Federation's wiring: Fedify over our store (key–value table) and our job queue, its remote
 * fetches through a guarded fetcher of its own (own budget, JSON types, the same address policy),
 * the publish and message tasks for the workers, and the HTTP areas. Built by the runtime when it
 * is given a FediverseThread (the discussion side's implementation of the port).
 */
import type { FediverseThread } from '../app/fediverse/thread-port.js';
import type { AppDeps } from '../app/deps.js';
import { authorActorSlugs } from '../app/fediverse/author-actors.js';
import { authorPath } from '../app/site/paths.js';
import { slidingWindowLimiter } from '../adapters/sliding-window-limiter.js';
import type { Config } from '../config/config.js';
import type { CircuitBreakerOptions, RetryPolicy } from '@fedify/fedify';
import { givenUpBook } from '../fediverse/given-up.js';
import { loadSiteSettings } from '../app/site-settings.js';
import type { JobQueue, TaskRegistry } from '../jobs/contract.js';
import {
  boundedGlobalFetch,
  createFetcher,
  destinationRefusal,
  FETCH_DEFAULTS,
  systemResolver,
  type FetcherOptions,
  type GuardedFetcher,
} from '../net/index.js';
import type { Store } from '../store/database.js';
import { articleSource } from '../fediverse/article-source.js';
import { ACTIVITY_ACCEPT, guardedDocumentLoader } from '../fediverse/document-loader.js';
import { federationAreas, type InboxLimits } from '../fediverse/federation-app.js';
import { newsdeskFederation, type NewsdeskFederation } from '../fediverse/federation.js';
import { storeKvStore } from '../store/fediverse-kv.js';
import { followerBook } from '../fediverse/followers.js';
import {
  FEDIVERSE_MESSAGE_TASK,
  jobMessageQueue,
  messageOf,
  outboxDelivery,
} from '../fediverse/message-queue.js';
import { FEDIVERSE_PUBLISH_TASK, publishPayload } from '../fediverse/publish-subscriber.js';
import {
  FEDIVERSE_STAFF_REPLY_TASK,
  fediverseStaffReplyChanges,
  fediverseStaffReplySubscriber,
  staffReplyPayload,
} from '../fediverse/staff-reply-subscriber.js';
import { federatedStaffReply, withdrawnStaffReply } from '../app/fediverse/staff-reply-source.js';
import type { StaffReplySubscriber } from '../app/fediverse/events.js';
import type { MountedApp } from '../web/app.js';
import { socketClientIp } from '../web/client-ip.js';
import { inboxSigner } from '../fediverse/inbox-signer.js';

/** The clock skew an inbox signature may have, in seconds (Fedify's check and our signer's). */
const SIGNATURE_WINDOW_SECONDS = 300;

/** How long one delivery may wait for a remote inbox (connect, headers, each pause in the body). */
export const DELIVERY_TIMEOUT_MS = 15_000;

export interface FediverseDeliveryOptions {
  readonly retry?: RetryPolicy;
  readonly circuitBreaker?: CircuitBreakerOptions;
  /** The bound on one delivery's wait for the inbox, in milliseconds (default 15 s). */
  readonly timeoutMs?: number;
}

export interface FediverseWiring {
  readonly fed: NewsdeskFederation;
  readonly tasks: TaskRegistry;
  areas(limits?: InboxLimits): MountedApp[];
  close(): Promise<void>;
}

export function fediverseWiring(parts: {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly deps: AppDeps;
  readonly config: Config;
  readonly thread: FediverseThread;
  readonly fetcher?: Partial<FetcherOptions>;
  /** Delivery retries and the dead-inbox circuit other than the defaults (tests use short ones). */
  readonly delivery?: FediverseDeliveryOptions;
}): FediverseWiring {
  const { deps, config } = parts;
  const now = () => deps.clock();
  const kv = storeKvStore(parts.store.db, now);
  const fetcher: GuardedFetcher = createFetcher({
    userAgent: `Newsdesk/0.1 (+${config.siteUrl}/)`,
    allowLoopback: config.fetchAllowLoopback,
    accept: [...ACTIVITY_ACCEPT],
    ...(config.fetchAllowedPorts ? { allowedPorts: config.fetchAllowedPorts } : {}),
    globalPerMinute: 600,
    perHostPerMinute: 120,
    perHostConcurrency: 4,
    onUnreachable: (event) => deps.logger.debug({ ...event }, 'fediverse: remote unreachable'),
    ...parts.fetcher,
  });
  const documentLoader = guardedDocumentLoader(fetcher);
  // Fedify posts deliveries with the global fetch and no signal: each queued message runs with
  // that fetch bounded, so a silent inbox fails the attempt (retried with Fedify's backoff and
  // counted by the circuit) instead of holding the worker for minutes.
  const deliveryBound = boundedGlobalFetch(parts.delivery?.timeoutMs ?? DELIVERY_TIMEOUT_MS);
  const inboxPolicy = {
    allowLoopback: parts.fetcher?.allowLoopback ?? config.fetchAllowLoopback,
    allowList: parts.fetcher?.allowList ?? [],
    allowedPorts:
      parts.fetcher?.allowedPorts ?? config.fetchAllowedPorts ?? FETCH_DEFAULTS.allowedPorts,
    resolve: parts.fetcher?.resolve ?? systemResolver,
  };
  const fed = newsdeskFederation({
    kv,
    queue: jobMessageQueue(parts.queue, now),
    documentLoader,
    signatureWindowSeconds: SIGNATURE_WINDOW_SECONDS,
    ...(parts.delivery?.retry ? { outboxRetryPolicy: parts.delivery.retry } : {}),
    ...(parts.delivery?.circuitBreaker ? { circuitBreaker: parts.delivery.circuitBreaker } : {}),
    onDeliveryGivenUp: async (failure) => {
      deps.logger.warn({ ...failure }, 'fediverse: delivery given up');
      await givenUpBook(kv).add(failure);
    },
    thread: parts.thread,
    logger: deps.logger,
    siteUrl: config.siteUrl,
    profile: async () => {
      const settings = await loadSiteSettings(deps.repos.settings);
      const logo = absoluteUrl(config.siteUrl, settings.logoUrl);
      return {
        name: config.siteTitle,
        summary: settings.description,
        siteUrl: `${config.siteUrl}/`,
        iconUrl: logo,
        headerUrl: logo,
        links: [{ name: 'Website', url: `${config.siteUrl}/` }],
      };
    },
    author: async (slug) => {
      if (!(await authorActorSlugs(deps.repos)).includes(slug)) return null;
      const user = await deps.repos.users.findBySlug(slug);
      if (user === undefined) return null;
      const pageUrl = `${config.siteUrl}${authorPath(user)}`;
      // Users have no avatar of their own yet: the site's logo stands in for both images.
      const logo = absoluteUrl(
        config.siteUrl,
        (await loadSiteSettings(deps.repos.settings)).logoUrl,
      );
      return {
        slug,
        name: user.name,
        bio: user.bio,
        pageUrl,
        iconUrl: logo,
        headerUrl: logo,
        links: [
          { name: 'Author page', url: pageUrl },
          { name: config.siteTitle.slice(0, 60) || 'Website', url: `${config.siteUrl}/` },
          ...(user.url && /^https?:\/\//.test(user.url)
            ? [{ name: 'Website', url: user.url }]
            : []),
        ],
      };
    },
    authorActorsOf: async (articleId) => {
      const on = new Set(await authorActorSlugs(deps.repos));
      return (await deps.repos.users.bylinesOf(articleId))
        .map((u) => u.slug)
        .filter((s) => on.has(s));
    },
    staffReply: (itemId) => federatedStaffReply(deps, itemId),
    withdrawnStaffReply: (itemId) => withdrawnStaffReply(deps, itemId),
    article: articleSource({
      repos: deps.repos,
      siteUrl: config.siteUrl,
      timezone: config.timezone,
      now,
    }),
  });
  const limiter = slidingWindowLimiter({ now: () => now().getTime() });
  return {
    fed,
    tasks: {
      [FEDIVERSE_PUBLISH_TASK]: async (payload) => {
        const { articleId, kind } = publishPayload(payload);
        await fed.publish(kind, articleId);
      },
      [FEDIVERSE_STAFF_REPLY_TASK]: async (payload) => {
        const { replyItemId, activity } = staffReplyPayload(payload);
        await fed.sendReply(replyItemId, activity);
      },
      [FEDIVERSE_MESSAGE_TASK]: async (payload) => {
        const message = messageOf(payload);
        // Fedify posts deliveries with its own fetch: an inbox named by a remote actor document
        // is checked here by the fetcher's rules, so a follower cannot point us at a private
        // address. A refused delivery is dropped at once and listed as given up.
        const delivery = outboxDelivery(message);
        const refusal = delivery && (await destinationRefusal(delivery.inbox, inboxPolicy));
        if (delivery && refusal) {
          deps.logger.warn({ inbox: delivery.inbox, refusal }, 'fediverse: delivery refused');
          await givenUpBook(kv).add({
            ...delivery,
            attempts: 0,
            error: `refused before sending: ${refusal}`,
            at: now().toISOString(),
          });
          return;
        }
        await deliveryBound.run(() => fed.processMessage(message));
      },
    },
    areas: (limits) =>
      federationAreas(
        fed.federation,
        {
          limiter,
          clientIp: socketClientIp,
          signer: inboxSigner({
            documentLoader,
            timeWindowSeconds: SIGNATURE_WINDOW_SECONDS,
            now: () => now().getTime(),
          }),
        },
        limits,
      ),
    close: async () => {
      await fetcher.close();
      await deliveryBound.close();
    },
  };
}

/**
 * What replyAsStaff is given wherever it runs (admin, CLI): with federation on, an answer to a
 * fediverse reply queues its sending; without it, nothing is subscribed.
 */
export function staffReplySubscribers(
  fediverse: FediverseWiring | null,
): readonly StaffReplySubscriber[] {
  return fediverse ? [fediverseStaffReplySubscriber] : [];
}

/**
 * The discussion-event subscribers federation adds when it is on (src/main/events.ts): a staff
 * answer already sent follows its later edits (Update) and removal (Delete).
 */
export const fediverseDiscussionSubscribers = [fediverseStaffReplyChanges] as const;

/** A settings URL (absolute, or a path on the site) made absolute. */
function absoluteUrl(siteUrl: string, url: string): string {
  return url.startsWith('/') ? `${siteUrl}${url}` : url;
}

/** Deliveries given up, read from the store without building the federation (the CLI). */
export function storedGivenUpDeliveries(store: Store) {
  return givenUpBook(storeKvStore(store.db)).list();
}

/** Who follows the site, read from the store without building the federation (the CLI). */
export function storedFollowers(store: Store) {
  return followerBook(storeKvStore(store.db));
}

export { FEDIVERSE_MESSAGE_TASK };
