import {
  createExponentialBackoffPolicy,
  createFederation,
  type CircuitBreakerOptions,
  type RetryPolicy,
  type Context,
  type Federation,
  type InboxContext,
  type KvStore,
  type MessageQueue,
} from '@fedify/fedify';
import {
  Accept,
  Announce,
  Article,
  Create,
  Delete,
  Endpoints,
  Follow,
  Hashtag,
  Image,
  Like,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Service,
  Tombstone,
  Undo,
  Update,
  isActor,
  type Object as ApObject,
  type Recipient,
} from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { StaffReplyAddress, StaffReplyView } from '../app/fediverse/staff-reply-source.js';
import type { FediverseReply, FediverseThread } from '../app/fediverse/thread-port.js';
import type { Logger } from '../app/ports.js';
import { actorCard } from './actor-card.js';
import { followerBook, type FollowerBook } from './followers.js';
import { lastAttemptWatch } from './given-up.js';
import { instantAt } from './instant.js';
import { profileFields, profileImage, summaryHtml, type ProfileLink } from './profile-fields.js';
import {
  REPLY_OBJECT_PATH,
  sendStaffReply,
  sendStaffReplyDelete,
  sendStaffReplyUpdate,
  staffReplyNote,
} from './staff-reply-note.js';
import { actorKeyPairs } from './keys.js';

/** The site actor's identifier and WebFinger name: `@site@host`. */
export const SITE_ACTOR = 'site';

/** What federation needs to say about an article (the page's own values). */
export interface FederatedArticle {
  readonly id: number;
  readonly title: string;
  /** The sanitised HTML the page shows. */
  readonly contentHtml: string;
  readonly summary: string;
  /** The article's page. */
  readonly url: string;
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly tags: readonly { readonly name: string; readonly url: string }[];
  readonly image: { readonly url: string; readonly mediaType: string; readonly alt: string } | null;
}

export interface SiteProfile {
  readonly name: string;
  /** Plain text (the site's description). */
  readonly summary: string;
  readonly siteUrl: string;
  readonly iconUrl: string | null;
  readonly headerUrl: string | null;
  /** Profile fields: the site's address, and any others. */
  readonly links?: readonly ProfileLink[];
}

export interface AuthorProfile {
  readonly slug: string;
  readonly name: string;
  /** Plain text. */
  readonly bio: string;
  /** The author's page on the site. */
  readonly pageUrl: string;
  readonly iconUrl?: string | null;
  readonly headerUrl?: string | null;
  /** Profile fields: the author's page, the site, their own website. */
  readonly links?: readonly ProfileLink[];
}

export interface FederationDeps {
  readonly kv: KvStore;
  readonly queue: MessageQueue;
  /** Our guarded fetcher as Fedify's loader (src/fediverse/document-loader.ts). */
  readonly documentLoader: DocumentLoader;
  readonly thread: FediverseThread;
  readonly logger: Logger;
  readonly siteUrl: string;
  readonly profile: () => Promise<SiteProfile>;
  /** An author who opted in to an actor of their own, by slug; null otherwise. */
  readonly author?: (slug: string) => Promise<AuthorProfile | null>;
  /** The opted-in authors among an article's bylines (their slugs), in byline order. */
  readonly authorActorsOf?: (articleId: number) => Promise<string[]>;
  /** A live article by id, or null when it is not (or no longer) public. */
  readonly article: (id: number) => Promise<FederatedArticle | null>;
  /** A staff answer to a fediverse reply, by item id, or null when it is not one (any more). */
  readonly staffReply?: (itemId: number) => Promise<StaffReplyView | null>;
  /** A staff answer to a fediverse reply taken off the page, or null (not one, or shown again). */
  readonly withdrawnStaffReply?: (itemId: number) => Promise<StaffReplyAddress | null>;
  /** Seconds of clock skew allowed on an inbox request's signature (default 300). */
  readonly signatureWindowSeconds?: number;
  /** Delivery retries (default: Fedify's, 10 attempts, each delay at most 12 hours). */
  readonly outboxRetryPolicy?: RetryPolicy;
  /** The dead-inbox circuit (default: 5 failures within an hour open it for 30 minutes). */
  readonly circuitBreaker?: CircuitBreakerOptions;
  /** Called once a delivery has failed its last attempt (the record `deliveries` lists). */
  readonly onDeliveryGivenUp?: (failure: GivenUpDelivery) => Promise<void>;
}

/** A delivery Fedify stopped retrying: its last attempt failed too. */
export interface GivenUpDelivery {
  readonly inbox: string;
  readonly activityId: string | null;
  readonly activityType: string;
  readonly attempts: number;
  readonly error: string;
  readonly at: string;
}

export interface NewsdeskFederation {
  readonly federation: Federation<void>;
  readonly followers: FollowerBook;
  /** Sends Create/Update/Delete of an article to the site actor's followers (run in a job). */
  publish(kind: 'create' | 'update' | 'delete', articleId: number): Promise<void>;
  /**
   * Sends a staff answer to the actor it answers (run in a job): its Create(Note), an edit's
   * Update(Note), or the Delete once it left the page.
   */
  sendReply(itemId: number, activity?: 'create' | 'update' | 'delete'): Promise<void>;
  /** Runs one queued Fedify message (the `fediverse.message` job), noting a last failed attempt. */
  processMessage(message: Record<string, unknown>): Promise<void>;
}

/**
 * Our Fedify federation: the site actor, its followers, article objects at `/ap/articles/{id}`,
 * NodeInfo, and the inbox listeners that hand verified replies and reactions to the discussion
 * through the FediverseThread port. Signatures (RFC 9421 and draft-cavage), digests, the clock
 * window and replays are Fedify's checks; every remote fetch goes through `documentLoader`.
 */
export function newsdeskFederation(deps: FederationDeps): NewsdeskFederation {
  const followers = followerBook(deps.kv);
  const retryPolicy = deps.outboxRetryPolicy ?? createExponentialBackoffPolicy();
  const lastAttempts = lastAttemptWatch(retryPolicy, (f) => deps.onDeliveryGivenUp?.(f));
  const federation = createFederation<void>({
    kv: deps.kv,
    queue: deps.queue,
    manuallyStartQueue: true,
    origin: deps.siteUrl,
    documentLoaderFactory: () => deps.documentLoader,
    contextLoaderFactory: () => deps.documentLoader,
    signatureTimeWindow: { seconds: deps.signatureWindowSeconds ?? 300 },
    authenticatedDocumentLoaderFactory: () => deps.documentLoader,
    outboxRetryPolicy: retryPolicy,
    circuitBreaker: {
      ...(deps.circuitBreaker ?? {
        failureThreshold: 5,
        failureWindow: { hours: 1 },
        recoveryDelay: { minutes: 30 },
      }),
      onStateChange: (host, from, to) => {
        deps.logger.warn({ host, from, to }, 'fediverse: delivery circuit changed');
      },
    },
    onOutboxError: (error, activity) => {
      lastAttempts.onOutboxError(error, activity?.id?.href ?? null);
      deps.logger.warn({ err: error, activity: activity?.id?.href }, 'fediverse: delivery failed');
    },
  });

  const authorOf = async (identifier: string) =>
    identifier === SITE_ACTOR ? null : ((await deps.author?.(identifier)) ?? null);
  const isActorId = async (identifier: string) =>
    identifier === SITE_ACTOR || (await authorOf(identifier)) !== null;

  federation
    .setActorDispatcher('/ap/actors/{identifier}', async (ctx, identifier) => {
      if (identifier !== SITE_ACTOR) {
        const author = await authorOf(identifier);
        if (author === null) return null;
        const keys = await ctx.getActorKeyPairs(identifier);
        return new Person({
          id: ctx.getActorUri(identifier),
          preferredUsername: identifier,
          name: author.name,
          summary: summaryHtml(author.bio),
          url: new URL(author.pageUrl),
          icon: profileImage(author.iconUrl ?? null),
          image: profileImage(author.headerUrl ?? null),
          attachments: profileFields(author.links ?? []),
          inbox: ctx.getInboxUri(identifier),
          outbox: ctx.getOutboxUri(identifier),
          followers: ctx.getFollowersUri(identifier),
          endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
          manuallyApprovesFollowers: false,
          discoverable: true,
          publicKey: keys[0]?.cryptographicKey ?? null,
          assertionMethods: keys.map((k) => k.multikey),
        });
      }
      const p = await deps.profile();
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Service({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: p.name,
        summary: summaryHtml(p.summary),
        url: new URL(p.siteUrl),
        attachments: profileFields(p.links ?? []),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        manuallyApprovesFollowers: false,
        discoverable: true,
        publicKey: keys[0]?.cryptographicKey ?? null,
        assertionMethods: keys.map((k) => k.multikey),
        icon: profileImage(p.iconUrl),
        image: profileImage(p.headerUrl),
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) =>
      (await isActorId(identifier)) ? actorKeyPairs(deps.kv, identifier) : [],
    )
    .mapAlias(async (_ctx, resource) => {
      // WebFinger for the profile URLs: the home page names the site actor, an author's page
      // the author's actor (when they opted in).
      const href = resource.href.replace(/\/$/, '');
      const site = deps.siteUrl.replace(/\/$/, '');
      if (href === site) return { identifier: SITE_ACTOR };
      const slug = href.startsWith(`${site}/author/`) ? href.slice(site.length + 8) : null;
      return slug !== null && (await authorOf(slug)) !== null ? { identifier: slug } : null;
    });

  federation.setOutboxDispatcher('/ap/actors/{identifier}/outbox', () => ({ items: [] }));

  federation
    .setFollowersDispatcher('/ap/actors/{identifier}/followers', async (_ctx, identifier) => {
      if (!(await isActorId(identifier))) return null;
      const list = await followers.list(identifier);
      return {
        items: list.map((f): Recipient => ({
          id: new URL(f.id),
          inboxId: new URL(f.inbox),
          endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
        })),
      };
    })
    .setCounter(async (_ctx, identifier) => (await followers.list(identifier)).length);

  const articleObject = (ctx: Context<void>, a: FederatedArticle, authors: string[]): Article =>
    new Article({
      id: ctx.getObjectUri(Article, { id: String(a.id) }),
      attributions: [SITE_ACTOR, ...authors].map((id) => ctx.getActorUri(id)),
      name: a.title,
      content: a.contentHtml,
      summary: a.summary || null,
      url: new URL(a.url),
      published: instantAt(a.publishedAt.getTime()),
      updated: instantAt(a.updatedAt.getTime()),
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(SITE_ACTOR),
      tags: a.tags.map((t) => new Hashtag({ name: `#${t.name}`, href: new URL(t.url) })),
      attachments: a.image
        ? [
            new Image({
              url: new URL(a.image.url),
              mediaType: a.image.mediaType,
              name: a.image.alt,
            }),
          ]
        : [],
    });

  federation.setObjectDispatcher(Article, '/ap/articles/{id}', async (ctx, values) => {
    const id = Number(values.id);
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const a = await deps.article(id);
    return a === null ? null : articleObject(ctx, a, (await deps.authorActorsOf?.(id)) ?? []);
  });

  federation.setObjectDispatcher(Note, REPLY_OBJECT_PATH, async (ctx, values) => {
    const id = Number(values.id);
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const reply = (await deps.staffReply?.(id)) ?? null;
    return reply === null ? null : staffReplyNote(ctx, reply);
  });

  federation.setNodeInfoDispatcher('/nodeinfo/2.1', async () => ({
    software: { name: 'newsdesk', version: '0.1.0', homepage: new URL(deps.siteUrl) },
    protocols: ['activitypub'],
    openRegistrations: false,
    usage: {
      users: { total: 1, activeMonth: 1, activeHalfyear: 1 },
      localPosts: 0,
      localComments: 0,
    },
  }));

  const replyFrom = async (ctx: InboxContext<void>, object: ApObject, inReplyTo: string) => {
    const author = await object.getAttribution({ documentLoader: ctx.documentLoader });
    if (author === null || !isActor(author)) return null;
    const card = await actorCard(author);
    if (card === null || object.id === null) return null;
    const reply: FediverseReply = {
      objectId: object.id.href,
      url: object.url instanceof URL ? object.url.href : (object.url?.href?.href ?? null),
      inReplyTo,
      actor: card,
      contentHtml: object.content?.toString() ?? '',
      summary: object.summary?.toString() ?? null,
      publishedAt: object.published ? new Date(object.published.epochMilliseconds) : null,
      updatedAt: object.updated ? new Date(object.updated.epochMilliseconds) : null,
    };
    return reply;
  };

  /** The object, fetched from its origin: never the copy the activity embeds. */
  const refetch = async (ctx: InboxContext<void>, id: URL): Promise<ApObject | 'gone' | null> => {
    try {
      const doc = await ctx.documentLoader(id.href);
      const object = await ctx.lookupObject(id.href, { documentLoader: async () => doc });
      if (object === null) return null;
      if (object instanceof Tombstone) return 'gone';
      return object;
    } catch (error) {
      const status = (error as { response?: Response }).response?.status;
      if (status === 404 || status === 410) return 'gone';
      throw error;
    }
  };

  const blocked = async (actor: URL | null) =>
    actor === null || (await deps.thread.isBlocked(actor.href));

  /** A reply target: one of our articles, or an object already in a thread (the port decides). */
  const replyTarget = (object: ApObject): string | null => object.replyTargetId?.href ?? null;

  federation
    .setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
    .on(Follow, async (ctx, follow) => {
      if (follow.id === null || follow.actorId === null || follow.objectId === null) return;
      const target = ctx.parseUri(follow.objectId);
      if (target?.type !== 'actor' || !(await isActorId(target.identifier))) return;
      const followed = target.identifier;
      if (await blocked(follow.actorId)) return;
      const follower = await follow.getActor(ctx);
      if (follower === null || follower.id === null || follower.inboxId === null) return;
      await followers.add(followed, {
        id: follower.id.href,
        inbox: follower.inboxId.href,
        sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
        handle: `@${follower.preferredUsername?.toString() ?? '?'}@${follower.id.host}`,
        since: new Date().toISOString(),
      });
      await ctx.sendActivity(
        { identifier: followed },
        follower,
        new Accept({ actor: ctx.getActorUri(followed), object: follow }),
      );
    })
    .on(Undo, async (ctx, undo) => {
      if (undo.actorId === null) return;
      const object = await undo.getObject(ctx);
      if (object instanceof Follow) {
        if (object.actorId?.href !== undo.actorId.href || object.objectId === null) return;
        const target = ctx.parseUri(object.objectId);
        if (target?.type !== 'actor') return;
        await followers.remove(target.identifier, undo.actorId.href);
      } else if (object instanceof Like || object instanceof Announce) {
        if (object.id === null || object.actorId?.href !== undo.actorId.href) return;
        await deps.thread.removeReaction(object.id.href, undo.actorId.href);
      }
    })
    .on(Create, async (ctx, create) => {
      if (await blocked(create.actorId)) return;
      const embedded = await create.getObject(ctx);
      if (!(embedded instanceof Note) || embedded.id === null) return;
      // The object as its origin serves it, not as the activity describes it.
      const fetched = await refetch(ctx, embedded.id);
      if (!(fetched instanceof Note)) return;
      if (fetched.attributionId?.href !== create.actorId?.href) return;
      if (!isPublic(fetched)) return;
      const target = replyTarget(fetched);
      if (target === null) return;
      const reply = await replyFrom(ctx, fetched, target);
      if (reply !== null) await deps.thread.receiveReply(reply);
    })
    .on(Update, async (ctx, update) => {
      if ((await blocked(update.actorId)) || update.objectId === null) return;
      const fetched = await refetch(ctx, update.objectId);
      if (!(fetched instanceof Note)) return;
      if (fetched.attributionId?.href !== update.actorId?.href) return;
      const target = replyTarget(fetched);
      if (target === null) return;
      const reply = await replyFrom(ctx, fetched, target);
      if (reply !== null) await deps.thread.updateReply(reply);
    })
    .on(Delete, async (ctx, del) => {
      if (del.objectId === null || del.actorId === null) return;
      // Signed by the object's origin (Fedify has checked the signer owns the actor)...
      const sameOrigin = del.objectId.origin === del.actorId.origin;
      // ...or the origin itself says the object is gone.
      const gone = sameOrigin ? true : (await refetch(ctx, del.objectId)) === 'gone';
      if (gone) await deps.thread.deleteReply(del.objectId.href);
    })
    .on(Like, async (ctx, like) => {
      await reaction(ctx, 'like', like);
    })
    .on(Announce, async (ctx, announce) => {
      await reaction(ctx, 'announce', announce);
    })
    .onError((_ctx, error) => {
      deps.logger.warn({ err: error }, 'fediverse: inbox activity failed');
    });

  async function reaction(ctx: InboxContext<void>, kind: 'like' | 'announce', a: Like | Announce) {
    if (a.id === null || a.objectId === null || (await blocked(a.actorId))) return;
    const actor = await a.getActor(ctx);
    const card = actor === null ? null : await actorCard(actor);
    if (card === null) return;
    await deps.thread.addReaction({
      kind,
      activityId: a.id.href,
      objectId: a.objectId.href,
      actor: card,
    });
  }

  async function publish(kind: 'create' | 'update' | 'delete', articleId: number): Promise<void> {
    const ctx = federation.createContext(new URL(deps.siteUrl));
    const objectId = ctx.getObjectUri(Article, { id: String(articleId) });
    const article = kind === 'delete' ? null : await deps.article(articleId);
    if (kind !== 'delete' && article === null) return;
    // The site posts every article; each opted-in author on the byline posts it too.
    const authors = (await deps.authorActorsOf?.(articleId)) ?? [];
    const now = Date.now();
    for (const identifier of [SITE_ACTOR, ...authors]) {
      const actor = ctx.getActorUri(identifier);
      const base = {
        actor,
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(identifier),
      };
      const suffix = identifier === SITE_ACTOR ? '' : `-${identifier}`;
      let activity: Create | Update | Delete;
      if (article === null) {
        activity = new Delete({
          id: new URL(`${objectId.href}#delete-${now}${suffix}`),
          ...base,
          object: new Tombstone({ id: objectId }),
        });
      } else {
        const object = articleObject(ctx, article, authors);
        activity =
          kind === 'create'
            ? new Create({ id: new URL(`${objectId.href}#create${suffix}`), ...base, object })
            : new Update({
                id: new URL(`${objectId.href}#update-${now}${suffix}`),
                ...base,
                object,
              });
      }
      await ctx.sendActivity({ identifier }, 'followers', activity, { preferSharedInbox: true });
    }
  }

  async function sendReply(
    itemId: number,
    activity: 'create' | 'update' | 'delete' = 'create',
  ): Promise<void> {
    const ctx = federation.createContext(new URL(deps.siteUrl));
    if (activity === 'delete') {
      const address = (await deps.withdrawnStaffReply?.(itemId)) ?? null;
      await sendStaffReplyDelete(ctx, address, new Date());
      return;
    }
    const reply = (await deps.staffReply?.(itemId)) ?? null;
    await (activity === 'update' ? sendStaffReplyUpdate : sendStaffReply)(ctx, reply);
  }

  const processMessage = (message: Record<string, unknown>) =>
    lastAttempts.run(message, () => federation.processQueuedTask(undefined, message as never));

  return { federation, followers, publish, sendReply, processMessage };
}

function isPublic(object: ApObject): boolean {
  const pub = PUBLIC_COLLECTION.href;
  return [...object.toIds, ...object.ccIds].some((id) => id.href === pub);
}
