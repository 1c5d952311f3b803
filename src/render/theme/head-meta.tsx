/** Open Graph article tags (ogp.me "article" type) beside the layout's own og:/twitter: tags. */
import type { ArticleLeadModel } from '../../app/site/view-models.js';
import { escapeHtml } from './escape.js';
import type { SiteContext } from './site-context.js';

const property = (name: string, content: string): string =>
  `<meta property="${name}" content="${escapeHtml(content)}"/>`;

/** The tags as markup; `modifiedAt` is the newest visible change (an edit or a correction note). */
export function articleHeadMetaHtml(
  model: ArticleLeadModel,
  site: SiteContext,
  modifiedAt: Date,
): string {
  const { article } = model;
  let out = article.publishedAt
    ? property('article:published_time', article.publishedAt.toISOString())
    : '';
  out += property('article:modified_time', modifiedAt.toISOString());
  for (const b of model.bylines) out += property('article:author', `${site.url}${b.path}`);
  if (model.categories[0]) out += property('article:section', model.categories[0].name);
  for (const t of model.tags) out += property('article:tag', t.name);
  if (site.logoUrl) out += property('og:image', site.logoUrl);
  return `${out}<meta name="twitter:label1" content="Written by"/><meta name="twitter:data1" content="${escapeHtml(model.bylines.map((b) => b.name).join(', '))}"/>`;
}
