/** What the reader features add to an article page: feed and oEmbed links, meta tags, related. */
import { relatedArticles } from '../../app/site/related.js';
import type { ArticlePageModel } from '../../app/site/view-models.js';
import type { AppDeps } from '../../app/deps.js';
import { articleHeadMetaHtml } from '../../render/theme/head-meta.js';
import type { HeadLink } from '../../render/theme/layout.js';
import { relatedArticlesHtml } from '../../render/theme/related.js';
import type { SiteContext } from '../../render/theme/site-context.js';
import { feedLinks, oembedLinks } from './reader-routes.js';

export async function articleReaderExtras(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone'>,
  model: ArticlePageModel,
  site: SiteContext,
): Promise<{ links: HeadLink[]; headHtml: string; relatedHtml: string }> {
  const related = await relatedArticles(deps, model.article);
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
