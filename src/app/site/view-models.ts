/** What the public pages show, as plain data: the read model builds it, src/render draws it. */
import type { Article, Author, Correction } from '../../domain/article.js';
import type { DiscussionState } from '../../domain/discussion-policy.js';
import type { CommentNode, DiscussionItem } from '../../domain/discussion-item.js';
import type { StoredReaction } from '../fediverse/ports.js';
import type { FeaturedImage } from '../media/picture.js';

export interface Linked {
  readonly name: string;
  readonly path: string;
}

export interface ArticleSummary {
  readonly title: string;
  readonly path: string;
  readonly excerpt: string;
  readonly publishedAt: Date;
  /** The first byline. */
  readonly author: Linked;
  /** Every byline in order (the first is `author`). */
  readonly bylines: readonly Linked[];
  readonly primaryCategory: Linked | null;
  readonly discussionCount: number;
  /** The featured image, when the article has one (app/media). */
  readonly image?: FeaturedImage;
}

export interface ArticlePageModel {
  readonly article: Article;
  /** The first byline. */
  readonly author: Author;
  readonly authorPath: string;
  /** Every byline in order (the first is `author`), with its archive path. */
  readonly bylines: readonly (Linked & { readonly author: Author })[];
  readonly categories: readonly Linked[];
  readonly tags: readonly Linked[];
  readonly path: string;
  readonly url: string;
  /** Correction and update notes, oldest first. */
  readonly corrections: readonly Correction[];
  /**
   * When readers last saw the article change: the latest of its last edit that was not a silent
   * fix, its last note and its publication (JSON-LD `dateModified`, the "Updated" line).
   */
  readonly modifiedAt: Date;
  readonly discussion: DiscussionModel;
  /** The featured image, when the article has one (app/media). */
  readonly featuredImage?: FeaturedImage;
  /** The surrogate keys of what this page shows (domain/surrogate-keys.ts). */
  readonly keys: readonly string[];
}

/**
 * What the page shows above its discussion (head, article, related stories): the page model less
 * the discussion and the cache keys. Renderers of that part take this type, so a kept rendering of
 * it (web/site/kept-segments.ts) depends on nothing it does not compare.
 */
export type ArticleLeadModel = Omit<ArticlePageModel, 'discussion' | 'keys'>;

export interface DiscussionModel {
  /**
   * Every public item as the store gave it (the store hands out the same objects while the
   * discussion is unchanged, so a kept rendering is reused only while these are the same).
   */
  readonly items?: readonly DiscussionItem[];
  readonly state: DiscussionState;
  readonly comments: readonly CommentNode[];
  readonly commentCount: number;
  /** Which page of top-level threads `comments` holds (`?cpage=N`), and how many there are. */
  readonly commentPage?: number;
  readonly commentPageCount?: number;
  readonly linkbacks: readonly DiscussionItem[];
  /** Likes and Announces from the fediverse (app/fediverse), shown as counts and faces. */
  readonly fediverseReactions?: readonly StoredReaction[];
}
