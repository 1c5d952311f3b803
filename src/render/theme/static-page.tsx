import { raw } from 'hono/html';
import type { ArticlePageModel } from '../../app/site/view-models.js';
import { Discussion, type DiscussionExtras } from './discussion.js';
import type { ItemFragments } from './item-fragments.js';
import type { SiteContext } from './site-context.js';

/**
 * A page (About, Corrections policy): the title and the body, no byline, date or terms. The
 * discussion shows only when it is open or has something in it (pages default to closed).
 */
export function StaticPage({
  model,
  site,
  extras,
  fragments,
}: {
  model: ArticlePageModel;
  site: SiteContext;
  extras?: DiscussionExtras;
  fragments?: ItemFragments;
}) {
  const { discussion } = model;
  const showDiscussion =
    discussion.state.comments.open ||
    discussion.state.linkbacks.open ||
    discussion.commentCount > 0 ||
    discussion.linkbacks.length > 0;
  return (
    <>
      <article class="page h-entry">
        <h1 class="headline p-name">{model.article.title}</h1>
        <div class="e-content">{raw(model.article.bodyHtml)}</div>
      </article>
      {showDiscussion ? (
        <Discussion
          model={discussion}
          timezone={site.timezone}
          extras={extras}
          {...(fragments ? { fragments } : {})}
        />
      ) : null}
    </>
  );
}
