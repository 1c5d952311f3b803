/** A user added by a signed-in owner (the admin API): addUser, then a line in the audit log. */
import type { Author } from '../../domain/article.js';
import type { Failure } from '../../domain/failures.js';
import { ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import type { AppDeps } from '../deps.js';
import { addUser, type AddUserInput } from './add-user.js';

export async function createUserAs(
  deps: Pick<AppDeps, 'repos' | 'uow' | 'clock'>,
  actor: Pick<Author, 'id' | 'email'>,
  input: AddUserInput,
  ip: string | null = null,
): Promise<Result<Author, Failure>> {
  const added = await addUser(deps, input);
  if (!added.ok) return added;
  const user = added.value;
  await deps.uow.run(async ({ repos }) => {
    await audit(repos.audit, deps.clock(), {
      actor,
      action: 'user.add',
      subject: `user:${user.id}`,
      detail: { email: user.email, role: user.role },
      ip,
    });
    return ok(undefined);
  });
  return ok(user);
}
