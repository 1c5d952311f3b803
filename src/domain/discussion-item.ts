import type { TrustedHtml } from './trusted-html.js';

export type DiscussionKind = 'comment' | 'linkback';
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
  const children = new Map<number | null, DiscussionItem[]>();
  const depthOf = new Map<number, number>();
  const anchor = (item: DiscussionItem): number | null => {
    const parent = item.parentId !== null ? byId.get(item.parentId) : undefined;
    if (!parent) {
      depthOf.set(item.id, 1);
      return null;
    }
    let target: DiscussionItem = parent;
    let depth = (depthOf.get(parent.id) ?? 1) + 1;
    while (depth > maxDepth) {
      const up = target.parentId !== null ? byId.get(target.parentId) : undefined;
      if (!up) break;
      target = up;
      depth = (depthOf.get(target.id) ?? 1) + 1;
    }
    depthOf.set(item.id, Math.min(depth, Math.max(1, maxDepth)));
    return depth > maxDepth ? null : target.id;
  };
  for (const item of items) {
    const key = anchor(item);
    const list = children.get(key) ?? [];
    list.push(item);
    children.set(key, list);
  }
  const build = (parent: number | null): CommentNode[] =>
    (children.get(parent) ?? []).map((item) => ({ item, children: build(item.id) }));
  return build(null);
}
