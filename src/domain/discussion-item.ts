import type { TrustedHtml } from './trusted-html.js';

export type DiscussionKind = 'comment' | 'linkback' | 'fediverse';
export type LinkbackProtocol = 'webmention' | 'pingback' | 'trackback';
export type DiscussionType =
  | 'comment'
  | 'reply'
  | 'like'
  | 'repost'
  | 'bookmark'
  | 'rsvp'
  | 'mention'
  | 'pingback'
  | 'trackback';
export const MODERATION_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number] | 'deleted';
export type VerificationState = 'not-required' | 'pending' | 'verified' | 'rejected';

export interface DiscussionItem {
  readonly id: number;
  readonly articleId: number;
  readonly kind: DiscussionKind;
  readonly protocol: LinkbackProtocol | null;
  readonly type: DiscussionType;
  readonly status: ModerationStatus;
  readonly parentId: number | null;
  readonly authorName: string;
  readonly authorUrl: string | null;
  readonly authorEmail: string | null;
  readonly authorPhoto: string | null;
  readonly authorIp: string | null;
  readonly sourceUrl: string | null;
  readonly targetUrl: string | null;
  readonly title: string | null;
  readonly contentHtml: TrustedHtml;
  readonly verification: VerificationState;
  readonly verificationError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
  /** Set on items of kind `fediverse`: who wrote it on which server, and the object's id. */
  readonly fediverse?: FediverseOrigin;
}

/** Where a fediverse reply came from (its card's name, profile and icon are authorName/Url/Photo). */
export interface FediverseOrigin {
  readonly objectId: string;
  readonly actorId: string;
  readonly handle: string;
}

/** The longest User-Agent kept with a comment or a linkback, in UTF-16 code units. */
export const USER_AGENT_MAX = 500;

/** The sender's User-Agent as stored: cropped to USER_AGENT_MAX, null when absent. */
export function storedUserAgent(userAgent: string | null | undefined): string | null {
  return userAgent?.slice(0, USER_AGENT_MAX) ?? null;
}

/** Only approved items whose verification did not fail are ever shown to the public. */
export function isPublic(item: Pick<DiscussionItem, 'status' | 'verification'>): boolean {
  return (
    item.status === 'approved' &&
    (item.verification === 'verified' || item.verification === 'not-required')
  );
}

export interface CommentNode {
  readonly item: DiscussionItem;
  readonly children: readonly CommentNode[];
}

/**
 * Builds comment threads from a flat, chronologically ordered list. A reply whose parent is not in
 * the list (held, deleted) is lifted to the top level so nothing approved goes missing; nesting
 * deeper than maxDepth is attached to the deepest allowed ancestor.
 */
export function threadComments(
  items: readonly DiscussionItem[],
  maxDepth: number,
): readonly CommentNode[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const parentOf = (i: DiscussionItem) => (i.parentId !== null ? byId.get(i.parentId) : undefined);
  const ancestors = (i: DiscussionItem): DiscussionItem[] => {
    const chain: DiscussionItem[] = [];
    const seen = new Set<number>([i.id]);
    for (let p = parentOf(i); p && !seen.has(p.id); p = parentOf(p)) {
      chain.unshift(p);
      seen.add(p.id);
    }
    return chain; // root first
  };
  const children = new Map<number | null, DiscussionItem[]>();
  const depth = Math.max(1, maxDepth);
  for (const item of items) {
    const chain = ancestors(item);
    // The item sits at depth chain.length + 1; past the limit it joins its ancestor at depth - 1.
    const anchor =
      chain.length === 0 ? null : (chain[Math.min(chain.length, depth - 1) - 1]?.id ?? null);
    const list = children.get(anchor) ?? [];
    list.push(item);
    children.set(anchor, list);
  }
  const build = (parent: number | null): CommentNode[] =>
    (children.get(parent) ?? []).map((item) => ({ item, children: build(item.id) }));
  return build(null);
}
