/** The store's side of fediverse replies and reactions (src/store implements it). */
import type { DiscussionItem, FediverseOrigin } from '../../domain/discussion-item.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';
import type { NewDiscussionItem } from '../discussion/ports.js';
import type { FediverseActorCard, FediverseReactionKind } from './thread-port.js';

export interface StoredReaction {
  readonly id: number;
  readonly articleId: number;
  readonly kind: FediverseReactionKind;
  readonly activityId: string;
  readonly actor: FediverseActorCard;
  readonly createdAt: Date;
}

export interface NewReaction {
  readonly articleId: number;
  readonly kind: FediverseReactionKind;
  readonly activityId: string;
  readonly actor: FediverseActorCard;
  readonly actorHost: string;
}

export interface FediverseRepository {
  /** Inserts a fediverse item with its origin; null when its object id is already stored. */
  insertItem(
    item: NewDiscussionItem,
    origin: FediverseOrigin,
    now: Date,
  ): Promise<DiscussionItem | null>;
  findByObjectId(objectId: string): Promise<DiscussionItem | undefined>;
  /** Replaces what the item shows (content, card, dates), leaving its status alone. */
  updateContent(
    itemId: number,
    change: {
      readonly contentHtml: TrustedHtml;
      readonly contentSource: string;
      readonly authorName: string;
      readonly authorUrl: string;
      readonly authorPhoto: string | null;
      readonly handle: string;
      readonly sourceUrl: string;
    },
    now: Date,
  ): Promise<DiscussionItem>;
  /** Approved fediverse items by this actor before (first-time author rule). */
  countApprovedByActor(actorId: string): Promise<number>;
  /** Fediverse items (any status but deleted, spam and trash) by the actor or on the instance. */
  visibleItemsOf(
    by: { readonly actorId: string } | { readonly host: string },
  ): Promise<DiscussionItem[]>;
  /** Stores a reaction; an existing one by the same actor of the same kind takes the new id. */
  upsertReaction(reaction: NewReaction, now: Date): Promise<StoredReaction>;
  findReaction(activityId: string): Promise<StoredReaction | undefined>;
  deleteReaction(id: number): Promise<void>;
  /** Deletes the reactions of an actor or an instance; returns the articles they were on. */
  deleteReactionsOf(
    by: { readonly actorId: string } | { readonly host: string },
  ): Promise<number[]>;
  reactionsFor(articleId: number): Promise<StoredReaction[]>;
}
