import { describe, expect, it } from 'vitest';
import { USER_ROLES } from './article.js';
import { ACTIONS, can, canOnArticle } from './permissions.js';

describe('the role matrix', () => {
  it('gives the owner every action', () => {
    expect(ACTIONS.every((a) => can('owner', a))).toBe(true);
  });

  it('keeps users, settings and jobs to the owner', () => {
    for (const role of USER_ROLES.filter((r) => r !== 'owner')) {
      expect(can(role, 'users.manage')).toBe(false);
      expect(can(role, 'settings.manage')).toBe(false);
      expect(can(role, 'jobs.manage')).toBe(false);
    }
  });

  it('lets a moderator moderate and nothing else but enter', () => {
    expect(ACTIONS.filter((a) => can('moderator', a))).toEqual([
      'admin.enter',
      'discussion.moderate',
    ]);
  });

  it('lets an author publish their own articles, and a contributor only write drafts', () => {
    expect(canOnArticle('author', 'publish', true)).toBe(true);
    expect(canOnArticle('author', 'publish', false)).toBe(false);
    expect(canOnArticle('author', 'edit', false)).toBe(false);
    expect(canOnArticle('contributor', 'edit', true)).toBe(true);
    expect(canOnArticle('contributor', 'publish', true)).toBe(false);
    expect(can('contributor', 'media.upload')).toBe(false);
  });

  it('lets an editor act on anyone’s article and moderate', () => {
    for (const verb of ['edit', 'publish', 'delete'] as const) {
      expect(canOnArticle('editor', verb, false)).toBe(true);
    }
    expect(can('editor', 'discussion.moderate')).toBe(true);
  });
});
