/**
 * The seam between federation (receiving and verifying ActivityPub activities, src/fediverse) and
 * the article's discussion (storing, moderating and showing fediverse replies and reactions).
 * Federation calls these with values it has already verified: the activity's signature checked,
 * the object fetched from its origin (never trusted from an embedded copy), its HTML not yet
 * sanitised. The discussion side sanitises, applies the moderation rules and the switch that
 * governs fediverse replies, and never performs network I/O itself.
 */

/** A remote actor as shown beside a reply or in the row of faces. */
export interface FediverseActorCard {
  /** The actor's ActivityPub id (an https URL). */
  readonly id: string;
  /** `@user@host`, for display. */
  readonly handle: string;
  readonly name: string | null;
  /** The actor's profile page (its `url`), or its id when it has none. */
  readonly profileUrl: string;
  readonly iconUrl: string | null;
}

/** A public Note (or other object) replying to one of our articles or to an item in its thread. */
export interface FediverseReply {
  /** The object's ActivityPub id. */
  readonly objectId: string;
  /** The object's human-readable `url`, when it has one. */
  readonly url: string | null;
  /** The `inReplyTo` id: one of our article URLs/ids, or an objectId already in a thread. */
  readonly inReplyTo: string;
  readonly actor: FediverseActorCard;
  /** Unsanitised HTML from the remote server. */
  readonly contentHtml: string;
  readonly summary: string | null;
  readonly publishedAt: Date | null;
  readonly updatedAt: Date | null;
}

export type FediverseReactionKind = 'like' | 'announce';

export interface FediverseReaction {
  readonly kind: FediverseReactionKind;
  /** The Like/Announce activity id, so an Undo can remove exactly it. */
  readonly activityId: string;
  /** The id of the object reacted to: one of our article ids/URLs. */
  readonly objectId: string;
  readonly actor: FediverseActorCard;
}

export type ThreadOutcome =
  | { readonly kind: 'stored'; readonly itemId: number; readonly status: string }
  | { readonly kind: 'updated'; readonly itemId: number }
  | { readonly kind: 'removed'; readonly itemId: number | null }
  | { readonly kind: 'ignored'; readonly reason: string };

export interface FediverseThread {
  /** Resolves an ActivityPub id or URL to one of our articles, when it names one. */
  articleFor(objectIdOrUrl: string): Promise<{ readonly articleId: number } | null>;
  receiveReply(reply: FediverseReply): Promise<ThreadOutcome>;
  /** The re-fetched object after an Update: replaces the stored content, keeps its moderation. */
  updateReply(reply: FediverseReply): Promise<ThreadOutcome>;
  /** A Delete that federation has verified (signed by the object's origin, or re-fetch 404/410/Tombstone). */
  deleteReply(objectId: string): Promise<ThreadOutcome>;
  addReaction(reaction: FediverseReaction): Promise<ThreadOutcome>;
  /** An Undo of a Like or Announce, by its activity id and the actor who undid it. */
  removeReaction(activityId: string, actorId: string): Promise<ThreadOutcome>;
  /** Whether an actor or its instance is on the site's fediverse blocklists. */
  isBlocked(actorId: string): Promise<boolean>;
}
