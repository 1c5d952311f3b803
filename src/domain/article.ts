import type { DiscussionSwitch } from './discussion-policy.js';
import type { TrustedHtml } from './trusted-html.js';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';

export interface Article {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly bodySource: string;
  readonly bodyHtml: TrustedHtml;
  readonly excerpt: string;
  readonly status: ArticleStatus;
  /** UTC; for scheduled articles the time they go live. */
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt: Date | null;
  readonly authorId: number;
  readonly comments: DiscussionSwitch;
  readonly linkbacks: DiscussionSwitch;
  readonly trackbackTo: readonly string[];
  /** The featured image, a media library id (0009-media); absent or null when none. */
  readonly featuredMediaId?: number | null;
}

/** True when the article is visible to the public at `now`: published, due and not deleted. */
export function isLive(a: Article, now: Date): boolean {
  return (
    a.status === 'published' &&
    !a.deletedAt &&
    a.publishedAt !== null &&
    a.publishedAt.getTime() <= now.getTime()
  );
}

export interface Author {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly slug: string;
  readonly role: UserRole;
  readonly bio: string;
  readonly url: string | null;
}

export const USER_ROLES = ['admin', 'editor', 'author', 'moderator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export type TermKind = 'category' | 'tag';

export interface Term {
  readonly id: number;
  readonly kind: TermKind;
  readonly name: string;
  readonly slug: string;
  readonly parentId: number | null;
  readonly description: string;
}

/** An article with what the public pages need beside it. */
export interface ArticleView {
  readonly article: Article;
  readonly author: Author;
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}
