import { describe, expect, it } from 'vitest';
import { domainListed, judgeSource } from './moderation-rules.js';

const settings = {
  approveDomains: ['friends.example'],
  blockDomains: ['spam.example'],
  receiveTrackbacks: true,
  send: true,
};

describe('linkback moderation rules', () => {
  it('matches a listed domain, its subdomains and its www. form, nothing else', () => {
    expect(domainListed('https://www.friends.example/p', ['friends.example'])).toBe(true);
    expect(domainListed('https://blog.friends.example/p', ['friends.example'])).toBe(true);
    expect(domainListed('https://notfriends.example/p', ['friends.example'])).toBe(false);
    expect(domainListed('not a url', ['friends.example'])).toBe(false);
  });

  it('blocks before it approves and holds everything else', () => {
    expect(judgeSource('https://spam.example/x', settings)).toBe('blocked');
    expect(judgeSource('https://friends.example/x', settings)).toBe('approved');
    expect(judgeSource('https://stranger.example/x', settings)).toBe('held');
  });
});
