import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { USER_ROLES, type Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { slugify } from '../../domain/slug.js';
import type { AppDeps } from '../deps.js';

export const addUserInput = z.object({
  email: z
    .email('expected an email address')
    .max(320)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, 'a name is required').max(200),
  role: z.enum(USER_ROLES),
  password: z.string().min(10, 'passwords need at least 10 characters').max(1000).optional(),
  bio: z.string().max(2000).optional(),
});
export type AddUserInput = z.input<typeof addUserInput>;

/** argon2id with the library's defaults (OWASP-recommended memory and time cost). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function addUser(
  deps: Pick<AppDeps, 'repos' | 'clock'>,
  raw: AddUserInput,
): Promise<Result<Author, Failure>> {
  const parsed = addUserInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(failure('invalid_input', `${issue?.path.join('.') || 'input'}: ${issue?.message}`));
  }
  const input = parsed.data;
  const conflict = () =>
    err(failure('conflict', `a user with email ${input.email} already exists`));
  if (await deps.repos.users.findByEmail(input.email)) return conflict();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const base = slugify(input.name);
  // The checks above and the insert are not atomic: another process may take the email or the
  // slug in between. The insert then writes nothing, and we look again.
  for (let attempt = 0; attempt < 5; attempt++) {
    let slug = base;
    for (let n = 2; await deps.repos.users.slugTaken(slug); n++) slug = `${base}-${n}`;
    const user = await deps.repos.users.insert(
      {
        email: input.email,
        name: input.name,
        slug,
        role: input.role,
        passwordHash,
        bio: input.bio ?? '',
      },
      deps.clock(),
    );
    if (user) return ok(user);
    if (await deps.repos.users.findByEmail(input.email)) return conflict();
  }
  return err(failure('conflict', `no free profile address for ${input.name}; try again`));
}
