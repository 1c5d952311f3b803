/**
 * Who may do what. One matrix, checked by the use cases (src/app/auth/authorize.ts) for every
 * caller: the admin, the CLI and the API ask the same question and get the same answer.
 *
 * The roles follow WordPress's, which newsrooms know: an owner runs the site; an editor runs the
 * content and the discussion; an author writes and publishes their own articles; a contributor
 * writes drafts for an editor to publish; a moderator looks after the discussion only.
 */
import type { UserRole } from './article.js';

export const ACTIONS = [
  'admin.enter',
  'article.create',
  'article.edit-own',
  'article.edit-any',
  'article.publish-own',
  'article.publish-any',
  'article.delete-own',
  'article.delete-any',
  'page.manage',
  'terms.manage',
  'media.upload',
  'media.delete',
  'discussion.moderate',
  'discussion.settings',
  'linkbacks.ledger',
  'settings.manage',
  'users.manage',
  'audit.read',
  'jobs.manage',
  'webhooks.manage',
  /** Seeing and revoking every user's API tokens (each user manages their own). */
  'api-tokens.manage-any',
] as const;
export type Action = (typeof ACTIONS)[number];

const WRITER: readonly Action[] = [
  'admin.enter',
  'article.create',
  'article.edit-own',
  'article.delete-own',
];

const MATRIX: Readonly<Record<UserRole, ReadonlySet<Action>>> = {
  owner: new Set(ACTIONS),
  editor: new Set<Action>(
    ACTIONS.filter(
      (a) =>
        ![
          'settings.manage',
          'users.manage',
          'jobs.manage',
          'webhooks.manage',
          'api-tokens.manage-any',
        ].includes(a),
    ),
  ),
  author: new Set<Action>([...WRITER, 'article.publish-own', 'media.upload', 'linkbacks.ledger']),
  contributor: new Set<Action>(WRITER),
  moderator: new Set<Action>(['admin.enter', 'discussion.moderate']),
};

/** True when `role` may perform `action`. */
export function can(role: UserRole, action: Action): boolean {
  return MATRIX[role].has(action);
}

/**
 * For actions on one article: the "-any" permission, or the "-own" one when the user holds a
 * byline on it.
 */
export function canOnArticle(
  role: UserRole,
  verb: 'edit' | 'publish' | 'delete',
  isOwn: boolean,
): boolean {
  return can(role, `article.${verb}-any`) || (isOwn && can(role, `article.${verb}-own`));
}
