import { describe, expect, it } from 'vitest';
import { requestIdOf } from './request-id.js';
import { routePattern } from './route-pattern.js';

describe('route patterns for metrics', () => {
  it.each([
    ['/', '/'],
    ['/?utm_source=x', '/'],
    ['/page/3/', '/page/:n/'],
    ['/2026/05/a-story/', '/:year/:month/:slug/'],
    ['/2026/05/a-story/?cpage=2', '/:year/:month/:slug/'],
    ['/2026/05/a-story', '/:year/:month/:slug'],
    ['/category/news/', '/category/:slug/'],
    ['/tag/rain/page/2/', '/tag/:slug/page/:n/'],
    ['/author/ada/', '/author/:slug/'],
    ['/comments/12', '/comments/*'],
    ['/webmention', '/webmention'],
    ['/webmention/status/1-abc', '/webmention/status/:token'],
    ['/xmlrpc', '/xmlrpc'],
    ['/trackback/7', '/trackback/:id'],
    ['/assets/site.abc.css', '/assets/*'],
    ['/metrics', '/metrics'],
    ['/feed/', '*/feed/'],
    ['/category/news/feed/', '*/feed/'],
    ['/sitemap.xml', '/sitemap*.xml'],
    ['/wp-login.php', 'other'],
    ['/../../etc/passwd', 'other'],
    [`/${'a/'.repeat(5000)}`, 'other'],
  ])('%s is %s', (path, pattern) => {
    expect(routePattern(path)).toBe(pattern);
  });
});

describe('request ids', () => {
  it('keeps a well-formed id and replaces anything else with a UUID', () => {
    expect(requestIdOf('abc-123:edge/7')).toBe('abc-123:edge/7');
    for (const bad of [undefined, '', 'x'.repeat(129), 'a b', 'a\r\nb', 'é', ['a', 'b']]) {
      expect(requestIdOf(bad)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
  });
});
