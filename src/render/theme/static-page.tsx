import type { ArticleLeadModel, ArticlePageModel } from '../../app/site/view-models.js';
import { discussionHtml, type DiscussionExtras } from './discussion.js';
import { escapeHtml } from './escape.js';
import type { ItemFragments } from './item-fragments.js';
import type { SiteContext } from './site-context.js';

/** Pages default to closed: the discussion shows only when it is open or has something in it. */
export function showsDiscussion(model: ArticlePageModel): boolean {
  const { discussion } = model;
  return (
    discussion.state.comments.open ||
    discussion.state.linkbacks.open ||
    discussion.commentCount > 0 ||
    discussion.linkbacks.length > 0
  );
}

/** A page's title and body (About, Corrections policy): no byline, date or terms. */
export function staticPageLeadHtml(model: ArticleLeadModel): string {
  return (
    `<article class="page h-entry"><h1 class="headline p-name">${escapeHtml(model.article.title)}</h1>` +
    `<div class="e-content">${model.article.bodyHtml}</div></article>`
  );
}

/** A page with its discussion, when it shows one. */
export function staticPageHtml(
  model: ArticlePageModel,
  site: SiteContext,
  opts: { readonly extras?: DiscussionExtras; readonly fragments?: ItemFragments } = {},
): string {
  return (
    staticPageLeadHtml(model) +
    (showsDiscussion(model)
      ? discussionHtml(model.discussion, site.timezone, opts.extras, opts.fragments)
      : '')
  );
}
