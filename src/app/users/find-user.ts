import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';

/** The user with this email address (compared case-insensitively), if any. */
export function findUserByEmail(
  deps: Pick<AppDeps, 'repos'>,
  email: string,
): Promise<Author | undefined> {
  return deps.repos.users.findByEmail(email);
}

/**
 * The user a byline names: the one with `email` when given, otherwise the site's only admin (as
 * WP-CLI does), so a one-person site needs no `--author`.
 */
export async function resolveByline(
  deps: Pick<AppDeps, 'repos'>,
  email: string | undefined,
  /** The option that names the user, for the hint (`--editor` for who saves an edit). */
  option = '--author',
): Promise<Result<Author, Failure>> {
  if (email !== undefined) {
    const user = await deps.repos.users.findByEmail(email);
    return user
      ? ok(user)
      : err(
          failure(
            'invalid_input',
            `no user with email ${email}; add one with: newsdesk user add --email ${email} --name NAME --role author`,
          ),
        );
  }
  const admins = await deps.repos.users.listByRoles(['owner']);
  const [only] = admins;
  if (only && admins.length === 1) return ok(only);
  return err(
    failure(
      'invalid_input',
      admins.length === 0
        ? `no admin to write as; pass ${option} EMAIL`
        : `${admins.length} admins; pass ${option} EMAIL to say which`,
    ),
  );
}
