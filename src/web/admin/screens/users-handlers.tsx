/** The handlers of /admin/users: each form calls one users use case, then 303 or the form again. */
import type { Context } from 'hono';
import { addUser } from '../../../app/users/add-user.js';
import { changeUserRole, disableUser, listUsers } from '../../../app/users/manage-users.js';
import type { UserRole } from '../../../domain/article.js';
import { statusFor } from '../../errors.js';
import type { ScreenKit } from './terms-handlers.js';
import { UsersPage, type UserFormState } from './users-page.js';

const idOf = (v: string): number | null => (/^[1-9][0-9]{0,11}$/.test(v) ? Number(v) : null);
const NOTICES: Record<string, string> = {
  added: 'User added.',
  role: 'Role changed; their sessions ended.',
  disabled: 'Account disabled; its sessions ended.',
};

export function usersHandlers<C extends Context>(kit: ScreenKit<C>) {
  const show = async (c: C, extra: { notice?: string; failed?: UserFormState }, status = 200) =>
    kit.page(
      c,
      <UsersPage frame={kit.frame(c)} users={await listUsers(kit.app)} {...extra} />,
      status,
    );
  return {
    'GET /users': (c: C) => {
      const notice = NOTICES[c.req.query('done') ?? ''];
      return show(c, notice ? { notice } : {});
    },
    'POST /users': async (c: C) => {
      const f = (n: string) => kit.field(c, n);
      const state = {
        op: f('op'),
        id: f('id'),
        email: f('email'),
        name: f('name'),
        role: f('role'),
      };
      const actor = kit.user(c);
      const id = idOf(state.id);
      const r =
        state.op === 'add'
          ? await addUser(kit.app, {
              email: state.email,
              name: state.name,
              role: state.role as UserRole,
              password: f('password'),
            })
          : state.op === 'role' && id !== null
            ? await changeUserRole(kit.app, actor, id, state.role)
            : state.op === 'disable' && id !== null
              ? await disableUser(kit.app, actor, id)
              : ({
                  ok: false,
                  error: { code: 'invalid_input', message: 'Unknown form action.' },
                } as const);
      if (!r.ok)
        return show(c, { failed: { ...state, message: r.error.message } }, statusFor(r.error.code));
      const done = state.op === 'add' ? 'added' : state.op === 'role' ? 'role' : 'disabled';
      return c.redirect(`/admin/users?done=${done}`, 303);
    },
  };
}
