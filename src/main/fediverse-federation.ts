/**
 * Fedify built over our store and job queue: the federation itself, the inbox signer, and the
 * task handlers for the workers. Loaded by `fediverseWiring` (fediverse.ts) on the first request,
 * task or caller that needs it, never at boot: Fedify and its dependencies cost a server about
 * 30 MiB of resident memory, and most servers answer pages long before anyone federates.
 */
import type { KvStore } from '@fedify/fedify';
import { authorActorSlugs } from '../app/fediverse/author-actors.js';
import { authorPath } from '../app/site/paths.js';
import { loadSiteSettings } from '../app/site-settings.js';
import { federatedStaffReply, withdrawnStaffReply } from '../app/fediverse/staff-reply-source.js';
import type { TaskRegistry } from '../jobs/contract.js';
import {
  boundedGlobalFetch,
  createFetcher,
  destinationRefusal,
  FETCH_DEFAULTS,
  systemResolver,
  type GuardedFetcher,
} from '../net/index.js';
import { articleSource } from '../fediverse/article-source.js';
import { ACTIVITY_ACCEPT, guardedDocumentLoader } from '../fediverse/document-loader.js';
import { newsdeskFederation, type NewsdeskFederation } from '../fediverse/federation.js';
import { givenUpBook } from '../fediverse/given-up.js';
import { inboxSigner, type InboxSigner } from '../fediverse/inbox-signer.js';
import {
  FEDIVERSE_MESSAGE_TASK,
  jobMessageQueue,
  messageOf,
  outboxDelivery,
} from '../fediverse/message-queue.js';
import { FEDIVERSE_PUBLISH_TASK, publishPayload } from '../fediverse/publish-subscriber.js';
import {
  FEDIVERSE_STAFF_REPLY_TASK,
  staffReplyPayload,
} from '../fediverse/staff-reply-subscriber.js';
import { DELIVERY_TIMEOUT_MS, type FediverseParts } from './fediverse.js';

/** The clock skew an inbox signature may have, in seconds (Fedify's check and our signer's). */
const SIGNATURE_WINDOW_SECONDS = 300;

export interface BuiltFederation {
  readonly fed: NewsdeskFederation;
  /** The verified signer of an inbox request (the per-actor rate counts only those). */
  readonly signer: InboxSigner;
  /** The publish, staff-reply and message tasks. */
  readonly tasks: TaskRegistry;
  close(): Promise<void>;
}

export function buildFederation(parts: FediverseParts, kv: KvStore): BuiltFederation {
  const { deps, config } = parts;
  const now = () => deps.clock();
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
  return {
    fed,
    signer: inboxSigner({
      documentLoader,
      timeWindowSeconds: SIGNATURE_WINDOW_SECONDS,
      now: () => now().getTime(),
    }),
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
    close: async () => {
      await fetcher.close();
      await deliveryBound.close();
    },
  };
}

/** A settings URL (absolute, or a path on the site) made absolute. */
function absoluteUrl(siteUrl: string, url: string): string {
  return url.startsWith('/') ? `${siteUrl}${url}` : url;
}
