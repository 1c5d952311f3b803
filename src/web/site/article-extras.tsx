/** What the reader features add to an article page: feed and oEmbed links, meta tags, related. */
import type { RelatedStory } from '../../app/site/related.js';
import type { ArticleLeadModel } from '../../app/site/view-models.js';
import { articleHeadMetaHtml } from '../../render/theme/head-meta.js';
import type { HeadLink } from '../../render/theme/layout.js';
import { relatedArticlesHtml } from '../../render/theme/related.js';
import type { SiteContext } from '../../render/theme/site-context.js';
import { feedLinks, oembedLinks } from './reader-routes.js';

/** Pure: the related stories are read by the caller (app/site/related.ts). */
export function articleReaderExtras(
  model: ArticleLeadModel,
  site: SiteContext,
  related: readonly RelatedStory[],
): { links: HeadLink[]; headHtml: string; relatedHtml: string } {
  const title = model.article.title;
  return {
    links: [
      ...feedLinks(model.path, `Discussion of “${title}”`),
      ...oembedLinks(site.url, model.url, title),
    ],
    headHtml: articleHeadMetaHtml(model, site, model.modifiedAt),
    relatedHtml: relatedArticlesHtml(related, site.timezone),
  };
}
