/**
 * First run: a site with no owner prints a one-time link (valid for a day) that creates one. The
 * link's token is kept only as a hash and is spent by its first use.
 */
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { addUser, addUserInput } from '../users/add-user.js';
import { audit } from './audit.js';
import { newToken, tokenHash } from './session-token.js';

export const SETUP_LINK_MS = 24 * 60 * 60 * 1000;

async function hasOwner(deps: Pick<AppDeps, 'repos'>): Promise<boolean> {
  return (await deps.repos.users.listByRoles(['owner'])).length > 0;
}

/** The path of a new setup link when the site has no owner yet; null when it has one. */
export async function setupLinkIfNeeded(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
): Promise<string | null> {
  if (await hasOwner(deps)) return null;
  const token = newToken();
  const now = deps.clock();
  await deps.repos.setupTokens.create(
    tokenHash(token),
    now,
    new Date(now.getTime() + SETUP_LINK_MS),
  );
  return `/admin/setup?token=${token}`;
}

export interface SetupRequest {
  readonly token: string;
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly ip: string | null;
}

/** Creates the owner with a valid link; the link is spent either way once the input is valid. */
export async function completeSetup(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
  req: SetupRequest,
): Promise<Result<Author, Failure>> {
  if (await hasOwner(deps)) return err(failure('conflict', 'This site already has an owner.'));
  // Checked before the link is spent, so a typo in the form does not cost the owner their link.
  const input = {
    email: req.email,
    name: req.name,
    role: 'owner' as const,
    password: req.password,
  };
  const parsed = addUserInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    return err(failure('invalid_input', 'Some fields need another look.', { fields }));
  }
  if (!req.token || req.token.length > 100) {
    return err(failure('forbidden', 'This setup link is not valid.'));
  }
  const now = deps.clock();
  if (!(await deps.repos.setupTokens.consume(tokenHash(req.token), now))) {
    return err(failure('forbidden', 'This setup link is not valid or has expired.'));
  }
  const created = await addUser(deps, input);
  if (!created.ok) return created;
  await audit(deps.repos.audit, now, {
    actor: created.value,
    action: 'auth.setup',
    subject: `user:${created.value.id}`,
    ip: req.ip,
  });
  return ok(created.value);
}
