import { describe, expect, it } from 'vitest';
import {
  describeReason,
  findWord,
  hostOf,
  moderationVerdict,
  type ModerationCandidate,
  type ModerationRules,
} from './comment-moderation.js';

const RULES: ModerationRules = {
  holdAll: false,
  holdFirstTimeAuthors: false,
  holdWhenLinksExceed: 2,
  moderationWords: [],
  blockWords: [],
  blockEmails: [],
  blockIps: [],
  blockDomains: [],
};

const ITEM: ModerationCandidate = {
  authorName: 'Ada',
  authorEmail: 'ada@example.org',
  authorUrl: null,
  authorIp: '198.51.100.7',
  text: 'A fair point about the night buses.',
  links: [],
  approvedBefore: 3,
};

const cases: Array<{
  name: string;
  rules?: Partial<ModerationRules>;
  item?: Partial<ModerationCandidate>;
  status: 'approved' | 'pending' | 'spam';
  rules_fired: string[];
}> = [
  { name: 'approves when no rule applies', status: 'approved', rules_fired: [] },
  {
    name: 'holds everything when hold-all is on',
    rules: { holdAll: true },
    status: 'pending',
    rules_fired: ['hold-all'],
  },
  {
    name: 'holds a first-time author',
    rules: { holdFirstTimeAuthors: true },
    item: { approvedBefore: 0 },
    status: 'pending',
    rules_fired: ['first-time-author'],
  },
  {
    name: 'approves a returning author when first-timers are held',
    rules: { holdFirstTimeAuthors: true },
    item: { approvedBefore: 1 },
    status: 'approved',
    rules_fired: [],
  },
  {
    name: 'approves exactly N links',
    item: { links: ['https://a.example/', 'https://b.example/'] },
    status: 'approved',
    rules_fired: [],
  },
  {
    name: 'holds more than N links',
    item: { links: ['https://a.example/', 'https://b.example/', 'https://c.example/'] },
    status: 'pending',
    rules_fired: ['too-many-links'],
  },
  {
    name: 'holds any link when N is 0',
    rules: { holdWhenLinksExceed: 0 },
    item: { links: ['https://a.example/'] },
    status: 'pending',
    rules_fired: ['too-many-links'],
  },
  {
    name: 'holds on a moderation word in the text, any case',
    rules: { moderationWords: ['lawsuit'] },
    item: { text: 'Expect a LAWSUIT.' },
    status: 'pending',
    rules_fired: ['moderation-word'],
  },
  {
    name: 'holds on a moderation word in the name',
    rules: { moderationWords: ['admin'] },
    item: { authorName: 'Site Admin' },
    status: 'pending',
    rules_fired: ['moderation-word'],
  },
  {
    name: 'does not match a word inside a longer word',
    rules: { moderationWords: ['ass'] },
    item: { text: 'A classic class of bus.' },
    status: 'approved',
    rules_fired: [],
  },
  {
    name: 'marks spam on a blocklisted word',
    rules: { blockWords: ['casino'] },
    item: { text: 'Best Casino bonus!' },
    status: 'spam',
    rules_fired: ['block-word'],
  },
  {
    name: 'marks spam on a blocklisted word in the website URL',
    rules: { blockWords: ['pills'] },
    item: { authorUrl: 'https://cheap-pills.example/' },
    status: 'spam',
    rules_fired: ['block-word'],
  },
  {
    name: 'marks spam on a blocklisted email',
    rules: { blockEmails: ['Ada@Example.org'] },
    status: 'spam',
    rules_fired: ['block-email'],
  },
  {
    name: 'marks spam on a blocklisted mail domain',
    rules: { blockEmails: ['@example.org'] },
    status: 'spam',
    rules_fired: ['block-email'],
  },
  {
    name: 'does not treat a partial email as a match',
    rules: { blockEmails: ['da@example.org'] },
    status: 'approved',
    rules_fired: [],
  },
  {
    name: 'marks spam on a blocklisted IP',
    rules: { blockIps: ['198.51.100.7'] },
    status: 'spam',
    rules_fired: ['block-ip'],
  },
  {
    name: 'marks spam on a blocklisted IP prefix',
    rules: { blockIps: ['198.51.100.*'] },
    status: 'spam',
    rules_fired: ['block-ip'],
  },
  {
    name: 'does not match another address sharing digits',
    rules: { blockIps: ['198.51.100.70'] },
    status: 'approved',
    rules_fired: [],
  },
  {
    name: 'marks spam on a linked blocklisted domain',
    rules: { blockDomains: ['spam.example'] },
    item: { links: ['https://www.spam.example/offer'] },
    status: 'spam',
    rules_fired: ['block-domain'],
  },
  {
    name: 'marks spam on a blocklisted author website domain',
    rules: { blockDomains: ['spam.example'] },
    item: { authorUrl: 'http://spam.example' },
    status: 'spam',
    rules_fired: ['block-domain'],
  },
  {
    name: 'marks spam on a blocklisted email domain via the domain list',
    rules: { blockDomains: ['example.org'] },
    status: 'spam',
    rules_fired: ['block-domain'],
  },
  {
    name: 'does not block a domain that merely ends with the same letters',
    rules: { blockDomains: ['spam.example'] },
    item: { links: ['https://notspam.example/'] },
    status: 'approved',
    rules_fired: [],
  },
  {
    name: 'spam wins over hold, and every rule is reported',
    rules: { holdAll: true, blockWords: ['casino'] },
    item: { text: 'casino' },
    status: 'spam',
    rules_fired: ['block-word', 'hold-all'],
  },
];

describe('moderationVerdict', () => {
  it.each(cases)('$name', ({ rules, item, status, rules_fired }) => {
    const verdict = moderationVerdict({ ...ITEM, ...item }, { ...RULES, ...rules });
    expect(verdict.status).toBe(status);
    expect(verdict.reasons.map((r) => r.rule)).toEqual(rules_fired);
    for (const r of verdict.reasons) expect(describeReason(r)).not.toBe('');
  });

  it('ignores blank list entries', () => {
    const verdict = moderationVerdict(ITEM, { ...RULES, blockWords: ['', '  '], blockIps: [''] });
    expect(verdict.status).toBe('approved');
  });
});

describe('findWord', () => {
  it.each([
    [['c++'], 'I like C++ a lot', 'c++'],
    [['$$$'], 'earn $$$ now', '$$$'],
    [['viagra'], 'VIAGRA.', 'viagra'],
    [['bus'], 'omnibus', null],
    [['élan'], 'avec Élan', 'élan'],
  ])('%j in %s → %s', (words, text, expected) => {
    expect(findWord(words, [text])).toBe(expected);
  });
});

describe('hostOf', () => {
  it.each([
    ['https://User@Example.COM:8080/x', 'example.com'],
    ['http://[2001:db8::1]/', '[2001:db8::1]'],
    ['not a url', null],
    ['mailto:a@b.example', null],
  ])('%s → %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});
