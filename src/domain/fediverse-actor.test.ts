import { describe, expect, it } from 'vitest';
import {
  actorBlocked,
  cleanHandle,
  cleanName,
  httpUrlOrNull,
  parseBlockTarget,
} from './fediverse-actor.js';

describe('fediverse actor rules', () => {
  it('keeps only absolute http(s) URLs without credentials, controls or excess length', () => {
    expect(httpUrlOrNull('https://social.example/users/ada')).toBe(
      'https://social.example/users/ada',
    );
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      '//social.example/x',
      '/relative',
      'https://user:pw@social.example/',
      'https://social.example/a b',
      'https://social.example/\u0000',
      `https://social.example/${'a'.repeat(2000)}`,
      '',
      null,
    ]) {
      expect(httpUrlOrNull(bad)).toBeNull();
    }
  });

  it('strips control and bidi characters from names and rebuilds a broken handle from the id', () => {
    expect(cleanName('  Ada\u202E \u0007Lovelace\n')).toBe('Ada Lovelace');
    expect(cleanName('\u200B\u0000')).toBeNull();
    expect(cleanHandle('@ada@social.example', 'https://social.example/users/ada')).toBe(
      '@ada@social.example',
    );
    expect(cleanHandle('ada@social.example', 'https://social.example/users/ada')).toBe(
      '@ada@social.example',
    );
    expect(cleanHandle('<script>', 'https://social.example/users/ada')).toBe('@ada@social.example');
    expect(cleanHandle(null, 'https://social.example/')).toBe('@someone@social.example');
  });

  it('matches blocked actors by id and instances with their subdomains, not look-alike hosts', () => {
    const lists = { blockActors: ['https://a.example/users/x/'], blockInstances: ['Bad.Example.'] };
    expect(actorBlocked('https://a.example/users/x', lists)).toBe(true);
    expect(actorBlocked('https://a.example/users/y', lists)).toBe(false);
    expect(actorBlocked('https://bad.example/u/1', lists)).toBe(true);
    expect(actorBlocked('https://eu.bad.example/u/1', lists)).toBe(true);
    expect(actorBlocked('https://notbad.example/u/1', lists)).toBe(false);
  });

  it('reads a block argument as an actor URL or an instance domain, and refuses anything else', () => {
    expect(parseBlockTarget('https://a.example/users/x/')).toEqual({
      kind: 'actor',
      id: 'https://a.example/users/x',
    });
    expect(parseBlockTarget(' Social.Example ')).toEqual({
      kind: 'instance',
      host: 'social.example',
    });
    for (const bad of [
      '@x@a.example',
      'localhost',
      '1.2.3.4',
      'a b.example',
      'ftp://a.example/',
      '',
    ]) {
      expect(parseBlockTarget(bad)).toBeNull();
    }
  });
});
