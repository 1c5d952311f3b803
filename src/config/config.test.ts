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
    expect(c.pageCacheBytes).toBe(64 * 1024 * 1024);
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
});
