/**
 * The route pattern of a request path, for metrics: `/2026/05/some-story/` is
 * `/:year/:month/:slug/`, so the label set stays small whatever paths strangers ask for. An
 * area that adds routes adds its rule here; anything unknown is `other`.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/$/, '/'],
  [/^\/page\/\d+\/$/, '/page/:n/'],
  [/^\/\d{4}\/\d{2}\/[^/]+\/$/, '/:year/:month/:slug/'],
  [/^\/\d{4}\/\d{2}\/[^/]+$/, '/:year/:month/:slug'],
  [/^\/(category|tag|author)\/[^/]+\/$/, '/$1/:slug/'],
  [/^\/(category|tag|author)\/[^/]+\/page\/\d+\/$/, '/$1/:slug/page/:n/'],
  [/^\/comments(\/.*)?$/, '/comments/*'],
  [/^\/webmention\/?$/, '/webmention'],
  [/^\/webmention\/status\/[^/]+$/, '/webmention/status/:token'],
  [/^\/xmlrpc\/?$/, '/xmlrpc'],
  [/^\/trackback\/[^/]+$/, '/trackback/:id'],
  [/^\/assets\/.*$/, '/assets/*'],
  [/^\/(healthz|readyz|metrics)$/, '/$1'],
  [/^(?:\/[^/]+)*\/feed\/?$/, '*/feed/'],
  [/^\/sitemap[^/]*\.xml$/, '/sitemap*.xml'],
];

/** The pattern for a request target (`/path?query`); the query is ignored. */
export function routePattern(target: string): string {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  for (const [test, pattern] of RULES) {
    const m = test.exec(path);
    if (m) return pattern.replace('$1', m[1] ?? '');
  }
  return 'other';
}
