import type { Author } from '../../domain/article.js';
import type { AppDeps } from '../deps.js';

/** The user with this email address (compared case-insensitively), if any. */
export function findUserByEmail(
  deps: Pick<AppDeps, 'repos'>,
  email: string,
): Promise<Author | undefined> {
  return deps.repos.users.findByEmail(email);
}
