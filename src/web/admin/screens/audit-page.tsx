/** /admin/audit: the audit log, newest first, filtered by dates, actor and action. */
import type { AuditEntry } from '../../../app/auth/ports.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
export const AUDIT_FILTERS = ['since', 'until', 'actor', 'action'] as const;

export function AuditLogPage(props: {
  frame: AdminFrame;
  entries: readonly AuditEntry[];
  values: Readonly<Record<string, string>>;
  /** Action names the log holds, offered in the action box. */
  actions: readonly string[];
  /** The id to continue from, when there are older entries. */
  olderBefore: number | null;
  /** True on a page after the first (a "newest" link then leads back). */
  paged: boolean;
  error?: string;
  fields?: Readonly<Record<string, string>>;
}) {
  const v = (name: string) => props.values[name] ?? '';
  const link = (before: number | null) => {
    const params = new URLSearchParams();
    for (const name of AUDIT_FILTERS) if (v(name)) params.set(name, v(name));
    if (before !== null) params.set('before', String(before));
    const s = params.toString();
    return `/admin/audit${s ? `?${s}` : ''}`;
  };
  const kinds = [...new Set(props.actions.map((a) => a.split('.')[0] ?? a))];
  const input = (name: string, label: string, type = 'text') => (
    <>
      <label for={`audit-${name}`}>{label}</label>
      <input
        id={`audit-${name}`}
        name={name}
        type={type}
        value={v(name)}
        maxlength={200}
        aria-invalid={props.fields?.[name] ? 'true' : undefined}
        {...(name === 'action' ? { list: 'audit-actions' } : {})}
      />
    </>
  );
  return (
    <AdminLayout frame={props.frame} title="Audit log">
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="get" action="/admin/audit" class="filters" role="search">
        {input('since', 'From (date or time, UTC)')}
        {input('until', 'Until')}
        {input('actor', 'Who (email, user id, cli)')}
        {input('action', 'Action or kind')}
        <datalist id="audit-actions">
          {[...kinds, ...props.actions].map((a) => (
            <option value={a} />
          ))}
        </datalist>
        <button type="submit">Filter</button>
      </form>
      {props.entries.length === 0 ? (
        <p role="status">No entries match.</p>
      ) : (
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Subject</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr id={`audit-${e.id}`}>
                <td>{when(e.createdAt)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.subject ?? ''}</td>
                <td>{e.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.olderBefore !== null || props.paged ? (
        <nav aria-label="Pages of the audit log" class="pager">
          {props.paged ? <a href={link(null)}>Newest entries</a> : null}{' '}
          {props.olderBefore !== null ? <a href={link(props.olderBefore)}>Older entries</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}
