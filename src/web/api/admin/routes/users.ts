/** Users and their roles, on the use cases of /admin/users and `newsdesk user`. */
import { z } from 'zod';
import { createUserAs } from '../../../../app/users/create-user.js';
import { changeUserRole, disableUser, listUsers } from '../../../../app/users/manage-users.js';
import { USER_ROLES, type Author } from '../../../../domain/article.js';
import { failure } from '../../../../domain/failures.js';
import { err, ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { idParams } from '../schemas.js';

export const adminUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    slug: z.string(),
    role: z.enum(USER_ROLES),
    bio: z.string(),
    url: z.string().nullable(),
  })
  .meta({ id: 'AdminUser' });

const userJson = (u: Author): z.input<typeof adminUser> => ({
  id: u.id,
  email: u.email,
  name: u.name,
  slug: u.slug,
  role: u.role,
  bio: u.bio,
  url: u.url,
});

const listUsersRoute = defineRoute({
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  summary: 'Every user, owners first, then by name',
  action: 'users.manage',
  scope: 'read',
  response: z.object({ items: z.array(adminUser) }),
  async handle({ deps }) {
    return ok({ body: { items: (await listUsers(deps.app)).map(userJson) } });
  },
});

const createUserRoute = defineRoute({
  method: 'post',
  path: '/users',
  operationId: 'createUser',
  summary: 'A new user; without a password they sign in after an owner sets one',
  action: 'users.manage',
  scope: 'write',
  body: {
    kind: 'json',
    schema: z
      .object({
        email: z.string().max(320),
        name: z.string().max(200),
        role: z.enum(USER_ROLES),
        password: z.string().max(1000).optional(),
        bio: z.string().max(2000).optional(),
      })
      .strict(),
  },
  response: adminUser,
  status: 201,
  refusals: ['conflict'],
  async handle({ deps, caller, body, ip }) {
    const r = await createUserAs(deps.app, caller.user, body, ip);
    if (!r.ok) return r;
    return ok({ status: 201, body: userJson(r.value), location: `/admin/api/users/${r.value.id}` });
  },
});

const updateUserRoute = defineRoute({
  method: 'patch',
  path: '/users/{id}',
  operationId: 'updateUser',
  summary: 'Changes a user’s role (ending their sessions), or disables the account',
  description:
    'Send `role` to change the role (the last owner keeps theirs), or `disabled: true` to remove ' +
    'the password and end every session; articles and bylines stay.',
  action: 'users.manage',
  scope: 'write',
  params: idParams,
  body: {
    kind: 'json',
    schema: z
      .object({ role: z.enum(USER_ROLES).optional(), disabled: z.literal(true).optional() })
      .strict(),
  },
  response: adminUser,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, caller, params, body }) {
    if (body.role === undefined && body.disabled === undefined) {
      return err(failure('invalid_input', 'body: send role or disabled'));
    }
    if (body.role !== undefined) {
      const r = await changeUserRole(deps.app, caller.user, params.id, body.role);
      if (!r.ok) return r;
      if (!body.disabled) return ok({ body: userJson(r.value) });
    }
    const d = await disableUser(deps.app, caller.user, params.id);
    return d.ok ? ok({ body: userJson(d.value.user) }) : d;
  },
});

export const USER_ROUTES: ApiRouteGroup = {
  name: 'users',
  description: 'Users, roles and disabling accounts (owners only).',
  routes: [listUsersRoute, createUserRoute, updateUserRoute],
};
