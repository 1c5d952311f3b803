import type { ArticlePageModel } from '../../app/site/view-models.js';
import { discussionHtml, type DiscussionExtras } from './discussion.js';
import { escapeHtml } from './escape.js';
import type { ItemFragments } from './item-fragments.js';
import type { SiteContext } from './site-context.js';

/**
 * A page (About, Corrections policy): the title and the body, no byline, date or terms. The
 * discussion shows only when it is open or has something in it (pages default to closed).
 */
export function staticPageHtml(
  model: ArticlePageModel,
  site: SiteContext,
  opts: { readonly extras?: DiscussionExtras; readonly fragments?: ItemFragments } = {},
): string {
  const { discussion } = model;
  const showDiscussion =
    discussion.state.comments.open ||
    discussion.state.linkbacks.open ||
    discussion.commentCount > 0 ||
    discussion.linkbacks.length > 0;
  return (
    `<article class="page h-entry"><h1 class="headline p-name">${escapeHtml(model.article.title)}</h1>` +
    `<div class="e-content">${model.article.bodyHtml}</div></article>` +
    (showDiscussion ? discussionHtml(discussion, site.timezone, opts.extras, opts.fragments) : '')
  );
}
