import type { ArticleDecorator } from '../web/site/site-app.js';

/** An article's ActivityPub object id: JSON only, never the HTML page's URL. */
export const articleObjectPath = (articleId: number): string => `/ap/articles/${articleId}`;

/**
 * Cache-safe discovery: the article page names its ActivityPub object with
 * `<link rel="alternate" type="application/activity+json">` and the same `Link` header. The page
 * itself never varies by `Accept` (no content negotiation on article URLs), so it stays one cached
 * copy for every reader and crawler; fediverse software follows the link to the JSON.
 */
export function fediverseDiscoveryDecorator(opts: { readonly siteUrl: string }): ArticleDecorator {
  return ({ model }) => {
    if (model.article.kind === 'page') return {};
    const href = `${opts.siteUrl}${articleObjectPath(model.article.id)}`;
    return {
      headers: [['Link', `<${href}>; rel="alternate"; type="application/activity+json"`]],
      links: [{ rel: 'alternate', type: 'application/activity+json', href }],
    };
  };
}
