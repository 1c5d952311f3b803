/** Open Graph article tags (ogp.me "article" type) beside the layout's own og:/twitter: tags. */
import type { ArticlePageModel } from '../../app/site/view-models.js';
import type { SiteContext } from './site-context.js';

export function ArticleHeadMeta({
  model,
  site,
  modifiedAt,
}: {
  model: ArticlePageModel;
  site: SiteContext;
  /** The newest visible change: an edit or a correction note. */
  modifiedAt: Date;
}) {
  const { article } = model;
  return (
    <>
      {article.publishedAt ? (
        <meta property="article:published_time" content={article.publishedAt.toISOString()} />
      ) : null}
      <meta property="article:modified_time" content={modifiedAt.toISOString()} />
      {model.bylines.map((b) => (
        <meta property="article:author" content={`${site.url}${b.path}`} />
      ))}
      {model.categories[0] ? (
        <meta property="article:section" content={model.categories[0].name} />
      ) : null}
      {model.tags.map((t) => (
        <meta property="article:tag" content={t.name} />
      ))}
      {site.logoUrl ? <meta property="og:image" content={site.logoUrl} /> : null}
      <meta name="twitter:label1" content="Written by" />
      <meta name="twitter:data1" content={model.bylines.map((b) => b.name).join(', ')} />
    </>
  );
}
