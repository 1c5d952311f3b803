/** /admin/users: every user, adding one, changing a role, disabling an account. */
import { USER_ROLES, type Author } from '../../../domain/article.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';

/** What a refused form sent back, shown again with the message. */
export interface UserFormState {
  readonly op: string;
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly message: string;
}

export function UsersPage(props: {
  frame: AdminFrame;
  users: readonly Author[];
  notice?: string;
  failed?: UserFormState;
}) {
  const f = props.failed?.op === 'add' ? props.failed : undefined;
  return (
    <AdminLayout frame={props.frame} title="Users">
      {props.notice ? <p role="status">{props.notice}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Disable</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => {
            const mine =
              props.failed && props.failed.op !== 'add' && props.failed.id === String(u.id);
            return (
              <tr>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <form method="post" action="/admin/users" class="inline">
                    <input type="hidden" name="_csrf" value={props.frame.csrf} />
                    <input type="hidden" name="op" value="role" />
                    <input type="hidden" name="id" value={String(u.id)} />
                    <label for={`role-${u.id}`}>Role of {u.name}</label>
                    <select id={`role-${u.id}`} name="role">
                      {USER_ROLES.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit">Change role</button>
                  </form>
                  {mine ? (
                    <p class="field-error" role="alert">
                      {props.failed?.message}
                    </p>
                  ) : null}
                </td>
                <td>
                  <form method="post" action="/admin/users" class="inline">
                    <input type="hidden" name="_csrf" value={props.frame.csrf} />
                    <input type="hidden" name="op" value="disable" />
                    <input type="hidden" name="id" value={String(u.id)} />
                    <button type="submit" aria-label={`Disable ${u.name}`}>
                      Disable
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form method="post" action="/admin/users">
        <h2>Add a user</h2>
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        <input type="hidden" name="op" value="add" />
        <label for="new-email">Email</label>
        <input
          id="new-email"
          name="email"
          type="email"
          value={f?.email ?? ''}
          required
          maxlength={320}
        />
        <label for="new-name">Name</label>
        <input id="new-name" name="name" value={f?.name ?? ''} required maxlength={200} />
        <label for="new-role">Role</label>
        <select id="new-role" name="role">
          {USER_ROLES.map((r) => (
            <option value={r} selected={r === (f?.role ?? 'author')}>
              {r}
            </option>
          ))}
        </select>
        <label for="new-password">Password (at least 10 characters)</label>
        <input
          id="new-password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength={10}
        />
        <button type="submit">Add user</button>
        {f ? (
          <p class="field-error" role="alert">
            {f.message}
          </p>
        ) : null}
      </form>
      <p>
        Disabling an account removes its password and ends its sessions; its articles and bylines
        stay. An owner must first be given another role, and the last owner keeps theirs.
      </p>
    </AdminLayout>
  );
}
