/**
 * API tokens as a signed-in user manages them: every user their own, an owner (the
 * `api-tokens.manage-any` permission) everyone's. The admin's token screen and the JSON API call
 * these; they narrow the general use cases in api-tokens.ts to what the user may see and touch.
 */
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can } from '../../domain/permissions.js';
import { err, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import type { ApiToken } from './ports.js';

type User = Pick<Author, 'id' | 'email' | 'role'>;

/** Whether the user sees and revokes every user's tokens, not only their own. */
export const managesAnyToken = (user: Pick<Author, 'role'>): boolean =>
  can(user.role, 'api-tokens.manage-any');

/** The tokens the user may see: their own, or every one for an owner. Newest first. */
export function listTokensFor(deps: Pick<AppDeps, 'repos'>, user: User): Promise<ApiToken[]> {
  return listApiTokens(deps, managesAnyToken(user) ? {} : { userId: user.id });
}

/** A token for the user themself; its scopes may not exceed their role (scope-roles.ts). */
export function createOwnToken(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  user: User,
  input: {
    readonly name: string;
    readonly scopes: readonly string[];
    readonly expiresDays?: number;
  },
): Promise<Result<{ token: ApiToken; secret: string }, Failure>> {
  return createApiToken(deps, user, { ...input, userEmail: user.email });
}

/** Revokes one of the user's tokens, or anyone's for an owner. */
export async function revokeTokenAs(
  deps: Pick<AppDeps, 'repos' | 'uow' | 'clock'>,
  user: User,
  id: number,
): Promise<Result<ApiToken, Failure>> {
  const token = await deps.repos.apiTokens.find(id);
  if (token && token.userId !== user.id && !managesAnyToken(user)) {
    return err(failure('forbidden', 'you may revoke only your own tokens'));
  }
  return revokeApiToken(deps, user, id);
}
