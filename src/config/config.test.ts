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

  it('keeps the site URL without a trailing slash', () => {
    expect(loadConfig({ NEWSDESK_SITE_URL: 'https://news.example/' }).siteUrl).toBe(
      'https://news.example',
    );
  });
});
