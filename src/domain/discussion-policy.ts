/**
 * The discussion policy: two independent switches per article (comments, linkbacks), each open or
 * closed, each with its own optional close date, plus the site's "close after N days" rules.
 * A pure function of (article settings, site defaults, now); nothing here reads a clock.
 */

export interface DiscussionSwitch {
  readonly open: boolean;
  /** An explicit close date set on the article; null when none. */
  readonly closesAt: Date | null;
}

export interface ArticleDiscussionSettings {
  readonly status: 'draft' | 'scheduled' | 'published';
  readonly publishedAt: Date | null;
  readonly comments: DiscussionSwitch;
  readonly linkbacks: DiscussionSwitch;
}

export interface SiteDiscussionDefaults {
  readonly commentsOpenByDefault: boolean;
  readonly linkbacksOpenByDefault: boolean;
  /** Close comments this many days after publication; null disables the rule. */
  readonly closeCommentsAfterDays: number | null;
  /** Close linkbacks this many days after publication, independently of comments; null disables. */
  readonly closeLinkbacksAfterDays: number | null;
}

export type ClosedReason = 'not-published' | 'switched-off' | 'close-date-passed' | 'aged-out';

export type GateState =
  | { readonly open: true; readonly closesAt: Date | null }
  | { readonly open: false; readonly reason: ClosedReason };

export type DiscussionStateName = 'all-open' | 'comments-only' | 'linkbacks-only' | 'all-closed';

export interface DiscussionState {
  readonly comments: GateState;
  readonly linkbacks: GateState;
  readonly name: DiscussionStateName;
  readonly sentence: string;
}

export const DISCUSSION_SENTENCES: Readonly<Record<DiscussionStateName, string>> = {
  'all-open': 'Comments, trackbacks and pingbacks are open.',
  'comments-only': 'Comments are open, but trackbacks and pingbacks are closed.',
  'linkbacks-only': 'Comments are closed, but trackbacks and pingbacks are open.',
  'all-closed': 'Comments, trackbacks and pingbacks are closed.',
};

const DAY_MS = 86_400_000;

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

function gate(
  article: ArticleDiscussionSettings,
  sw: DiscussionSwitch,
  afterDays: number | null,
  now: Date,
): GateState {
  if (article.status !== 'published' || !article.publishedAt) {
    return { open: false, reason: 'not-published' };
  }
  if (!sw.open) return { open: false, reason: 'switched-off' };
  const agedAt =
    afterDays === null ? null : new Date(article.publishedAt.getTime() + afterDays * DAY_MS);
  if (sw.closesAt && now.getTime() >= sw.closesAt.getTime()) {
    return { open: false, reason: 'close-date-passed' };
  }
  if (agedAt && now.getTime() >= agedAt.getTime()) return { open: false, reason: 'aged-out' };
  return { open: true, closesAt: earliest(sw.closesAt, agedAt) };
}

function stateName(comments: boolean, linkbacks: boolean): DiscussionStateName {
  if (comments && linkbacks) return 'all-open';
  if (comments) return 'comments-only';
  if (linkbacks) return 'linkbacks-only';
  return 'all-closed';
}

export function discussionState(
  article: ArticleDiscussionSettings,
  site: SiteDiscussionDefaults,
  now: Date,
): DiscussionState {
  const comments = gate(article, article.comments, site.closeCommentsAfterDays, now);
  const linkbacks = gate(article, article.linkbacks, site.closeLinkbacksAfterDays, now);
  const name = stateName(comments.open, linkbacks.open);
  return { comments, linkbacks, name, sentence: DISCUSSION_SENTENCES[name] };
}

export const DEFAULT_DISCUSSION: SiteDiscussionDefaults = Object.freeze({
  commentsOpenByDefault: true,
  linkbacksOpenByDefault: true,
  closeCommentsAfterDays: null,
  closeLinkbacksAfterDays: null,
});
