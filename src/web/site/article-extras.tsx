/** What the reader features add to an article page: feed and oEmbed links, meta tags, related. */
import type { Child } from 'hono/jsx';
import { relatedArticles } from '../../app/site/related.js';
import type { ArticlePageModel } from '../../app/site/view-models.js';
import type { AppDeps } from '../../app/deps.js';
import { ArticleHeadMeta } from '../../render/theme/head-meta.js';
import type { HeadLink } from '../../render/theme/layout.js';
import { RelatedArticles } from '../../render/theme/related.js';
import type { SiteContext } from '../../render/theme/site-context.js';
import { feedLinks, oembedLinks } from './reader-routes.js';

export async function articleReaderExtras(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone'>,
  model: ArticlePageModel,
  site: SiteContext,
): Promise<{ links: HeadLink[]; head: Child; related: Child }> {
  const related = await relatedArticles(deps, model.article);
  const title = model.article.title;
  return {
    links: [
      ...feedLinks(model.path, `Discussion of “${title}”`),
      ...oembedLinks(site.url, model.url, title),
    ],
    head: <ArticleHeadMeta model={model} site={site} modifiedAt={model.modifiedAt} />,
    related: <RelatedArticles stories={related} timezone={site.timezone} />,
  };
}
