/**
 * Federation's wiring: Fedify over our store (key–value table) and our job queue, its remote
 * fetches through a guarded fetcher of its own (own budget, JSON types, the same address policy),
 * the publish and message tasks for the workers, and the HTTP areas. Built by the runtime when it
 * is given a FediverseThread (the discussion side's implementation of the port).
 *
 * Fedify itself (fediverse-federation.ts) is imported on first use: the first federation request
 * (WebFinger, NodeInfo, `/ap/`), the first federation job, or a caller asking for it. The areas'
 * routing, body cap and rate limits are here and need none of it, so a server that only answers
 * pages never loads it (about 30 MiB of resident memory and a part of boot).
 */
import type { FediverseThread } from '../app/fediverse/thread-port.js';
import type { AppDeps } from '../app/deps.js';
import { slidingWindowLimiter } from '../adapters/sliding-window-limiter.js';
import type { Config } from '../config/config.js';
import type { CircuitBreakerOptions, Federation, RetryPolicy } from '@fedify/fedify';
import type { JobQueue, TaskHandler, TaskRegistry } from '../jobs/contract.js';
import type { FetcherOptions } from '../net/index.js';
import type { Store } from '../store/database.js';
import { federationAreas, type InboxLimits } from '../fediverse/federation-app.js';
import type { NewsdeskFederation } from '../fediverse/federation.js';
import { storeKvStore } from '../store/fediverse-kv.js';
import { followerBook, type FollowerBook } from '../fediverse/followers.js';
import { FEDIVERSE_MESSAGE_TASK } from '../fediverse/message-queue.js';
import { FEDIVERSE_PUBLISH_TASK } from '../fediverse/publish-subscriber.js';
import {
  FEDIVERSE_STAFF_REPLY_TASK,
  fediverseStaffReplyChanges,
  fediverseStaffReplySubscriber,
} from '../fediverse/staff-reply-subscriber.js';
import type { StaffReplySubscriber } from '../app/fediverse/events.js';
import type { MountedApp } from '../web/app.js';
import { socketClientIp } from '../web/client-ip.js';
import type { BuiltFederation } from './fediverse-federation.js';

/** How long one delivery may wait for a remote inbox (connect, headers, each pause in the body). */
export const DELIVERY_TIMEOUT_MS = 15_000;

export interface FediverseDeliveryOptions {
  readonly retry?: RetryPolicy;
  readonly circuitBreaker?: CircuitBreakerOptions;
  /** The bound on one delivery's wait for the inbox, in milliseconds (default 15 s). */
  readonly timeoutMs?: number;
}

/** What the federation is built from. */
export interface FediverseParts {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly deps: AppDeps;
  readonly config: Config;
  readonly thread: FediverseThread;
  readonly fetcher?: Partial<FetcherOptions>;
  /** Delivery retries and the dead-inbox circuit other than the defaults (tests use short ones). */
  readonly delivery?: FediverseDeliveryOptions;
}

export interface FediverseWiring {
  /** The federation, built (and Fedify imported) on the first call; the same one after. */
  federation(): Promise<NewsdeskFederation>;
  /** Who follows our actors (the store's key–value table; needs no Fedify). */
  readonly followers: FollowerBook;
  readonly tasks: TaskRegistry;
  areas(limits?: InboxLimits): MountedApp[];
  close(): Promise<void>;
}

export function fediverseWiring(parts: FediverseParts): FediverseWiring {
  const now = () => parts.deps.clock();
  const kv = storeKvStore(parts.store.db, now);
  let built: Promise<BuiltFederation> | null = null;
  const load = (): Promise<BuiltFederation> => {
    built ??= import('./fediverse-federation.js').then(
      (m) => m.buildFederation(parts, kv),
      (error: unknown) => {
        // A failed import is tried again by the next caller, not remembered.
        built = null;
        throw error;
      },
    );
    return built;
  };
  // The areas need only the federation's `fetch`, which builds it on the first request.
  const federation: Pick<Federation<void>, 'fetch'> = {
    fetch: async (request, options) => (await load()).fed.federation.fetch(request, options),
  };
  const task =
    (name: string): TaskHandler =>
    async (payload, helpers) => {
      const handler = (await load()).tasks[name];
      if (!handler) throw new Error(`fediverse: no handler for task ${name}`);
      await handler(payload, helpers);
    };
  const limiter = slidingWindowLimiter({ now: () => now().getTime() });
  return {
    federation: async () => (await load()).fed,
    followers: followerBook(kv),
    tasks: {
      [FEDIVERSE_PUBLISH_TASK]: task(FEDIVERSE_PUBLISH_TASK),
      [FEDIVERSE_STAFF_REPLY_TASK]: task(FEDIVERSE_STAFF_REPLY_TASK),
      [FEDIVERSE_MESSAGE_TASK]: task(FEDIVERSE_MESSAGE_TASK),
    },
    areas: (limits) =>
      federationAreas(
        federation,
        {
          limiter,
          clientIp: socketClientIp,
          signer: async (request) => (await load()).signer(request),
        },
        limits,
      ),
    close: async () => {
      const pending = built;
      if (pending) await (await pending.catch(() => null))?.close();
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

/** Deliveries given up, read from the store without building the federation (the CLI). */
export async function storedGivenUpDeliveries(store: Store) {
  const { givenUpBook } = await import('../fediverse/given-up.js');
  return givenUpBook(storeKvStore(store.db)).list();
}

/** Who follows the site, read from the store without building the federation (the CLI). */
export function storedFollowers(store: Store) {
  return followerBook(storeKvStore(store.db));
}

export { FEDIVERSE_MESSAGE_TASK };
