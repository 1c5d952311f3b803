import { z } from 'zod';
import { USER_ROLES, type Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import type { AppDeps } from '../deps.js';

/** Who asked: a signed-in user, or a label such as `cli` for the shell. */
export type UserActor = Pick<Author, 'id' | 'email'> | string;

type Deps = Pick<AppDeps, 'repos' | 'uow' | 'clock'>;

const roleInput = z.enum(USER_ROLES, { error: `expected one of ${USER_ROLES.join(', ')}` });

/** Every user, owners first, then by name. */
export async function listUsers(deps: Pick<AppDeps, 'repos'>): Promise<Author[]> {
  const users = await deps.repos.users.listByRoles(USER_ROLES);
  const rank = (u: Author) => USER_ROLES.indexOf(u.role);
  return [...users].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Owners who can sign in (a disabled owner has no password and does not count). */
async function activeOwners(repos: Deps['repos']): Promise<number> {
  let n = 0;
  for (const owner of await repos.users.listByRoles(['owner']))
    if ((await repos.credentials.passwordHash(owner.email))?.hash) n++;
  return n;
}

const lastOwner = () =>
  failure('conflict', 'this is the last owner: make another user an owner first', {
    fields: { role: 'the site needs an owner' },
  });

/** Changes a user's role; the last owner keeps theirs. Lands in the audit log. */
export async function changeUserRole(
  deps: Deps,
  actor: UserActor,
  userId: number,
  rawRole: unknown,
): Promise<Result<Author, Failure>> {
  const parsed = roleInput.safeParse(rawRole);
  if (!parsed.success)
    return err(
      failure('invalid_input', `role: expected one of ${USER_ROLES.join(', ')}`, {
        fields: { role: `expected one of ${USER_ROLES.join(', ')}` },
      }),
    );
  const role = parsed.data;
  return deps.uow.run(async (tx) => {
    const user = await tx.repos.users.findById(userId);
    if (!user) return err(failure('not_found', `no user ${userId}`));
    if (user.role === role) return ok(user);
    if (user.role === 'owner' && (await activeOwners(tx.repos)) <= 1) return err(lastOwner());
    await tx.repos.credentials.setRole(userId, role);
    // A role change ends the user's sessions: their next request signs in under the new role.
    await tx.repos.sessions.deleteForUser(userId);
    await audit(tx.repos.audit, deps.clock(), {
      actor,
      action: 'user.role',
      subject: `user:${userId}`,
      detail: { email: user.email, from: user.role, to: role },
    });
    return ok({ ...user, role });
  });
}

/**
 * Disables an account: its password is removed and every session ends, so it cannot sign in;
 * its articles and bylines stay. Owners are refused: change the role first (never the last). Lands in the audit log.
 */
export async function disableUser(
  deps: Deps,
  actor: UserActor,
  userId: number,
): Promise<Result<{ user: Author; sessionsEnded: number }, Failure>> {
  return deps.uow.run(async (tx) => {
    const user = await tx.repos.users.findById(userId);
    if (!user) return err(failure('not_found', `no user ${userId}`));
    if (user.role === 'owner')
      return err(
        failure('conflict', 'owners cannot be disabled: change the role first', {
          fields: { role: 'change the role first' },
        }),
      );
    await tx.repos.credentials.clearPasswordHash(userId);
    const sessionsEnded = await tx.repos.sessions.deleteForUser(userId);
    await audit(tx.repos.audit, deps.clock(), {
      actor,
      action: 'user.disable',
      subject: `user:${userId}`,
      detail: { email: user.email, sessionsEnded },
    });
    return ok({ user, sessionsEnded });
  });
}
