/**
 * The role a scope needs: a token may carry a scope only when its user's role could do that work
 * in the admin, so a token never reads as more than its holder. The same rule for a token made
 * in the admin and with `newsdesk token create`.
 */
import type { UserRole } from '../../domain/article.js';
import { can, type Action } from '../../domain/permissions.js';
import { API_TOKEN_SCOPES, type ApiTokenScope } from './ports.js';

export const SCOPE_NEEDS: Readonly<Record<ApiTokenScope, Action>> = {
  read: 'admin.enter',
  write: 'article.create',
  moderate: 'discussion.moderate',
};

/** The scopes a user of `role` may give their tokens. */
export const scopesFor = (role: UserRole): ApiTokenScope[] =>
  API_TOKEN_SCOPES.filter((s) => can(role, SCOPE_NEEDS[s]));
