import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISCUSSION,
  discussionState,
  type ArticleDiscussionSettings,
  type SiteDiscussionDefaults,
} from './discussion-policy.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

const article = (over: Partial<ArticleDiscussionSettings> = {}): ArticleDiscussionSettings => ({
  status: 'published',
  publishedAt: daysAgo(10),
  comments: { open: true, closesAt: null },
  linkbacks: { open: true, closesAt: null },
  ...over,
});
const site = (over: Partial<SiteDiscussionDefaults> = {}): SiteDiscussionDefaults => ({
  ...DEFAULT_DISCUSSION,
  ...over,
});

describe('discussion policy', () => {
  const cases: Array<[string, ArticleDiscussionSettings, SiteDiscussionDefaults, string]> = [
    ['both switches open', article(), site(), 'Comments, trackbacks and pingbacks are open.'],
    [
      'comments switched off, linkbacks on',
      article({ comments: { open: false, closesAt: null } }),
      site(),
      'Comments are closed, but trackbacks and pingbacks are open.',
    ],
    [
      'linkbacks switched off, comments on',
      article({ linkbacks: { open: false, closesAt: null } }),
      site(),
      'Comments are open, but trackbacks and pingbacks are closed.',
    ],
    [
      'both switched off',
      article({
        comments: { open: false, closesAt: null },
        linkbacks: { open: false, closesAt: null },
      }),
      site(),
      'Comments, trackbacks and pingbacks are closed.',
    ],
    [
      'comments aged out after 7 days while linkbacks have no age rule',
      article(),
      site({ closeCommentsAfterDays: 7 }),
      'Comments are closed, but trackbacks and pingbacks are open.',
    ],
    [
      'comments aged out at 7 days, linkbacks still inside their 30 days',
      article(),
      site({ closeCommentsAfterDays: 7, closeLinkbacksAfterDays: 30 }),
      'Comments are closed, but trackbacks and pingbacks are open.',
    ],
    [
      'linkbacks aged out at 5 days, comments still inside their 14',
      article(),
      site({ closeCommentsAfterDays: 14, closeLinkbacksAfterDays: 5 }),
      'Comments are open, but trackbacks and pingbacks are closed.',
    ],
    [
      'an explicit comments close date in the past',
      article({ comments: { open: true, closesAt: daysAgo(1) } }),
      site(),
      'Comments are closed, but trackbacks and pingbacks are open.',
    ],
    [
      'an explicit close date in the future keeps the switch open',
      article({ comments: { open: true, closesAt: daysAgo(-1) } }),
      site(),
      'Comments, trackbacks and pingbacks are open.',
    ],
    [
      'a draft accepts nothing',
      article({ status: 'draft', publishedAt: null }),
      site(),
      'Comments, trackbacks and pingbacks are closed.',
    ],
    [
      'a scheduled article accepts nothing before it is published',
      article({ status: 'scheduled', publishedAt: daysAgo(-2) }),
      site(),
      'Comments, trackbacks and pingbacks are closed.',
    ],
  ];

  it.each(cases)('%s', (_name, a, s, sentence) => {
    expect(discussionState(a, s, NOW).sentence).toBe(sentence);
  });

  it('closes exactly at the N-day boundary and not a millisecond before', () => {
    const a = article({ publishedAt: daysAgo(7) });
    const s = site({ closeCommentsAfterDays: 7 });
    expect(discussionState(a, s, NOW).comments.open).toBe(false);
    expect(discussionState(a, s, new Date(NOW.getTime() - 1)).comments.open).toBe(true);
  });

  it('reports the earliest of the explicit and the age-rule close dates', () => {
    const a = article({ publishedAt: daysAgo(1), comments: { open: true, closesAt: daysAgo(-2) } });
    const state = discussionState(a, site({ closeCommentsAfterDays: 10 }), NOW);
    expect(state.comments).toEqual({ open: true, closesAt: daysAgo(-2) });
  });

  it('says why a gate is closed', () => {
    const s = site({ closeCommentsAfterDays: 3 });
    expect(discussionState(article(), s, NOW).comments).toEqual({
      open: false,
      reason: 'aged-out',
    });
    expect(
      discussionState(article({ comments: { open: false, closesAt: null } }), s, NOW).comments,
    ).toEqual({ open: false, reason: 'switched-off' });
  });
});
