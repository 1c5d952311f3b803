import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.js';

describe('configuration', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'sqlite', file: './data/newsdesk.sqlite' });
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.siteUrl).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(c)).toBe(true);
    expect(c.pageCacheBytes).toBe(16 * 1024 * 1024);
    expect(loadConfig({ NEWSDESK_PAGE_CACHE_MB: '0' }).pageCacheBytes).toBe(0);
  });

  it.each([
    ['/var/lib/newsdesk/site.db', { kind: 'sqlite', file: '/var/lib/newsdesk/site.db' }],
    ['sqlite:./x.sqlite', { kind: 'sqlite', file: './x.sqlite' }],
    ['sqlite://./y.sqlite', { kind: 'sqlite', file: './y.sqlite' }],
    ['postgres://u@127.0.0.1/db', { kind: 'postgres', url: 'postgres://u@127.0.0.1/db' }],
    ['postgresql://u@127.0.0.1/db', { kind: 'postgres', url: 'postgresql://u@127.0.0.1/db' }],
  ])('reads NEWSDESK_DATABASE_URL %s', (value, expected) => {
    expect(parseDatabaseUrl(value)).toEqual(expected);
  });

  it.each([
    ['NEWSDESK_PORT', 'eighty', 'expected a port number from 0 to 65535'],
    ['NEWSDESK_PORT', '70000', 'expected a port number from 0 to 65535'],
    ['NEWSDESK_TIMEZONE', 'Mars/Olympus', 'expected an IANA time zone'],
    ['NEWSDESK_SITE_URL', 'ftp://news.example', 'expected an absolute http:// or https:// URL'],
    ['NEWSDESK_DATABASE_URL', 'mysql://x@y/z', 'expected a SQLite file path'],
    ['NEWSDESK_FETCH_ALLOW_LOOPBACK', 'maybe', 'expected 1 or 0'],
    ['NEWSDESK_FETCH_ALLOWED_PORTS', 'any', 'expected comma-separated port numbers'],
    ['NEWSDESK_FETCH_ALLOWED_PORTS', '80,0', 'expected comma-separated port numbers'],
    ['NEWSDESK_FETCH_ALLOWED_PORTS', '443,65536', 'expected comma-separated port numbers'],
    ['NEWSDESK_FETCH_ALLOWED_PORTS', '80,,443', 'expected comma-separated port numbers'],
    ['NEWSDESK_FETCH_GLOBAL_PER_MINUTE', '0', 'expected a whole number of requests'],
    ['NEWSDESK_FETCH_GLOBAL_PER_MINUTE', 'lots', 'expected a whole number of requests'],
    ['NEWSDESK_FETCH_HOST_PER_MINUTE', '2.5', 'expected a whole number of requests'],
    ['NEWSDESK_FETCH_HOST_CONCURRENCY', '-1', 'expected a whole number from 1 to 1000'],
    ['NEWSDESK_FETCH_MAX_BYTES', '1024', 'expected a byte count from 16384'],
    ['NEWSDESK_FETCH_MAX_BYTES', '1GB', 'expected a byte count from 16384'],
    ['NEWSDESK_PAGE_CACHE_MB', '-1', 'expected a whole number of MiB from 0'],
    ['NEWSDESK_PAGE_CACHE_MB', '64MB', 'expected a whole number of MiB from 0'],
    ['NEWSDESK_PAGE_CACHE_MB', '99999', 'expected a whole number of MiB from 0'],
  ])('rejects a bad %s=%s with one line naming it', (variable, value, expectation) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(expectation);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('leaves the outbound fetcher its own defaults when no limit is set', () => {
    const c = loadConfig({});
    expect([
      c.fetchAllowedPorts,
      c.fetchGlobalPerMinute,
      c.fetchHostPerMinute,
      c.fetchHostConcurrency,
      c.fetchMaxBytes,
    ]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads the outbound fetcher limits from the environment', () => {
    const c = loadConfig({
      NEWSDESK_FETCH_ALLOWED_PORTS: ' 443 , 8443,443',
      NEWSDESK_FETCH_GLOBAL_PER_MINUTE: '1200',
      NEWSDESK_FETCH_HOST_PER_MINUTE: '60',
      NEWSDESK_FETCH_HOST_CONCURRENCY: '4',
      NEWSDESK_FETCH_MAX_BYTES: '4194304',
    });
    expect(c.fetchAllowedPorts).toEqual([443, 8443]);
    expect([c.fetchGlobalPerMinute, c.fetchHostPerMinute, c.fetchHostConcurrency]).toEqual([
      1200, 60, 4,
    ]);
    expect(c.fetchMaxBytes).toBe(4 * 1024 * 1024);
  });

  it('keeps the site URL without a trailing slash', () => {
    expect(loadConfig({ NEWSDESK_SITE_URL: 'https://news.example/' }).siteUrl).toBe(
      'https://news.example',
    );
  });

  it('defaults to no edge purging, loopback-only metrics and a 20 s shutdown', () => {
    const c = loadConfig({});
    expect(c.purge).toEqual({ kind: 'none' });
    expect(c.metricsAllow).toEqual(['127.0.0.1', '::1']);
    expect(c.metricsToken).toBeNull();
    expect(c.shutdownTimeoutMs).toBe(20_000);
    expect(c.edge).toEqual({
      edgeMaxAge: 86_400,
      formMaxAge: 60,
      browserMaxAge: 60,
      staleIfError: 86_400,
    });
  });

  it('reads each purge target with its companion variables', () => {
    expect(
      loadConfig({
        NEWSDESK_PURGE: 'varnish',
        NEWSDESK_VARNISH_URLS: 'http://10.0.0.5:6081/, http://10.0.0.6:6081/',
        NEWSDESK_VARNISH_SOFT_PURGE: '1',
      }).purge,
    ).toEqual({
      kind: 'varnish',
      urls: ['http://10.0.0.5:6081/', 'http://10.0.0.6:6081/'],
      soft: true,
    });
    expect(
      loadConfig({
        NEWSDESK_PURGE: 'fastly',
        NEWSDESK_FASTLY_SERVICE_ID: 'SU1Z0isxPaozGVKXdv0eY',
        NEWSDESK_FASTLY_TOKEN: 'abcdefghijklmnop',
      }).purge,
    ).toEqual({
      kind: 'fastly',
      apiUrl: 'https://api.fastly.com',
      serviceId: 'SU1Z0isxPaozGVKXdv0eY',
      token: 'abcdefghijklmnop',
    });
    expect(
      loadConfig({
        NEWSDESK_PURGE: 'cloudflare',
        NEWSDESK_CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353',
        NEWSDESK_CLOUDFLARE_TOKEN: 'abcdefghijklmnop',
      }).purge,
    ).toMatchObject({ kind: 'cloudflare', apiUrl: 'https://api.cloudflare.com/client/v4' });
  });

  it.each([
    [{ NEWSDESK_PURGE: 'akamai' }, 'NEWSDESK_PURGE'],
    [{ NEWSDESK_PURGE: 'varnish' }, 'NEWSDESK_VARNISH_URLS'],
    [{ NEWSDESK_PURGE: 'varnish', NEWSDESK_VARNISH_URLS: 'ftp://x/' }, 'NEWSDESK_VARNISH_URLS'],
    [
      { NEWSDESK_PURGE: 'fastly', NEWSDESK_FASTLY_TOKEN: 'abcdefghijklmnop' },
      'NEWSDESK_FASTLY_SERVICE_ID',
    ],
    [{ NEWSDESK_PURGE: 'fastly', NEWSDESK_FASTLY_SERVICE_ID: 'abc' }, 'NEWSDESK_FASTLY_TOKEN'],
    [{ NEWSDESK_FASTLY_TOKEN: 'short' }, 'NEWSDESK_FASTLY_TOKEN'],
    [{ NEWSDESK_CLOUDFLARE_ZONE_ID: 'not-hex' }, 'NEWSDESK_CLOUDFLARE_ZONE_ID'],
    [{ NEWSDESK_PURGE: 'cloudflare' }, 'NEWSDESK_CLOUDFLARE_ZONE_ID'],
    [{ NEWSDESK_EDGE_MAX_AGE: '-1' }, 'NEWSDESK_EDGE_MAX_AGE'],
    [{ NEWSDESK_EDGE_FORM_MAX_AGE: '7200' }, 'NEWSDESK_EDGE_FORM_MAX_AGE'],
    [{ NEWSDESK_METRICS_ALLOW: 'everyone' }, 'NEWSDESK_METRICS_ALLOW'],
    [{ NEWSDESK_METRICS_TOKEN: 'has a space in it here' }, 'NEWSDESK_METRICS_TOKEN'],
    [{ NEWSDESK_SHUTDOWN_TIMEOUT_MS: '1e9' }, 'NEWSDESK_SHUTDOWN_TIMEOUT_MS'],
  ])('refuses %o, naming %s', (env, variable) => {
    try {
      loadConfig(env);
      expect.unreachable('loadConfig accepted it');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
    }
  });
});
