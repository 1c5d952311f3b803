import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('update-service configuration', () => {
  it('is off by default: no ping services, no hubs', () => {
    const c = loadConfig({});
    expect([c.pingServices, c.websubHubs]).toEqual([[], []]);
  });

  it('reads comma lists of http(s) URLs, trimmed and without repeats', () => {
    const c = loadConfig({
      NEWSDESK_PING_SERVICES:
        ' http://rpc.pingomatic.com/ , https://ping.example/rpc,http://rpc.pingomatic.com/',
      NEWSDESK_WEBSUB_HUBS: 'https://pubsubhubbub.appspot.com/',
    });
    expect(c.pingServices).toEqual(['http://rpc.pingomatic.com/', 'https://ping.example/rpc']);
    expect(c.websubHubs).toEqual(['https://pubsubhubbub.appspot.com/']);
  });

  it.each([
    ['NEWSDESK_PING_SERVICES', 'ftp://rpc.example/'],
    ['NEWSDESK_PING_SERVICES', 'not a url'],
    ['NEWSDESK_WEBSUB_HUBS', 'javascript:alert(1)'],
    [
      'NEWSDESK_WEBSUB_HUBS',
      Array.from({ length: 21 }, (_, i) => `https://h${i}.example/`).join(','),
    ],
  ])('rejects %s=%s with one line naming it', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain('comma-separated http:// or https:// URLs');
  });
});
