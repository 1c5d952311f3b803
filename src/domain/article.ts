import type { DiscussionSwitch } from './discussion-policy.js';
import type { TrustedHtml } from './trusted-html.js';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';

/** An article is dated news; a page (About, Contact) lives at `/slug/` outside every listing. */
export type ArticleKind = 'article' | 'page';

export interface Article {
  readonly id: number;
  readonly kind: ArticleKind;
  readonly slug: string;
  readonly title: string;
  /** The editor's own summary under the headline; empty: the page shows none. */
  readonly standfirst: string;
  readonly bodySource: string;
  readonly bodyHtml: TrustedHtml;
  readonly excerpt: string;
  readonly status: ArticleStatus;
  /** UTC; for scheduled articles the time they go live. */
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** In the trash since then (restorable for TRASH_DAYS, then purged); its URL answers 410. */
  readonly deletedAt: Date | null;
  /** Taken back to draft after being published: its URL answers 410 until it is published again. */
  readonly withdrawnAt: Date | null;
  /** When the article is to come down by itself (an embargo's end, an expiry). */
  readonly unpublishAt: Date | null;
  /** The first byline; `bylines` on the views carries them all, in order. */
  readonly authorId: number;
  readonly comments: DiscussionSwitch;
  readonly linkbacks: DiscussionSwitch;
  readonly trackbackTo: readonly string[];
  /** False: the pages this article links to are never notified (imports, or the editor's say). */
  readonly linkbacksSend: boolean;
}

/** How long a deleted article stays in the trash before a job purges it. */
export const TRASH_DAYS = 30;

/** A dated note an editor attaches in public: a correction of an error, or an update. */
export interface Correction {
  readonly id: number;
  readonly articleId: number;
  readonly kind: 'correction' | 'update';
  readonly note: string;
  readonly createdAt: Date;
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

/** `owner` was called `admin` before roles had a matrix; the CLI still takes `admin` for it. */
export const USER_ROLES = ['owner', 'editor', 'author', 'contributor', 'moderator'] as const;
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
  /** Every byline in order; the first is `author`. */
  readonly bylines: readonly Author[];
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}
