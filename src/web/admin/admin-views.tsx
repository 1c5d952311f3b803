/** The admin's pages: plain server-rendered HTML forms that work without JavaScript. */
import type { Child } from 'hono/jsx';
import type { LoggedArticleEvent } from '../../app/articles/events.js';
import type { Article, Author } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import { MODERATION_STATUSES } from '../../domain/discussion-item.js';
import { can } from '../../domain/permissions.js';
import { StaffReplyFields, StaffReplyForms } from './screens/staff-reply.js';

export interface AdminFrame {
  readonly siteTitle: string;
  readonly cssHref: string;
  readonly user: Author | null;
  readonly csrf: string;
}

export function AdminLayout(props: { frame: AdminFrame; title: string; children?: Child }) {
  const { frame } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} — ${frame.siteTitle} admin`}</title>
        <link rel="stylesheet" href={frame.cssHref} />
      </head>
      <body class="admin">
        <header class="masthead">
          <p class="site-title">
            <a href="/admin/">{frame.siteTitle} admin</a>
          </p>
          {frame.user ? (
            <nav aria-label="Admin">
              <ul class="admin-nav">
                <li>
                  <a href="/admin/">Dashboard</a>
                </li>
                {can(frame.user.role, 'article.edit-own') ? (
                  <li>
                    <a href="/admin/articles">Articles</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'article.create') ? (
                  <li>
                    <a href="/admin/articles/new">New article</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'discussion.moderate') ? (
                  <li>
                    <a href="/admin/moderation">Moderation</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'terms.manage') ? (
                  <li>
                    <a href="/admin/terms">Categories and tags</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'users.manage') ? (
                  <li>
                    <a href="/admin/users">Users</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'audit.read') ? (
                  <li>
                    <a href="/admin/audit">Audit log</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'discussion.settings') ? (
                  <li>
                    <a href="/admin/fediverse">Fediverse</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'webhooks.manage') ? (
                  <li>
                    <a href="/admin/webhooks">Webhooks</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'discussion.settings') ? (
                  <li>
                    <a href="/admin/settings/discussion">Discussion settings</a>
                  </li>
                ) : null}
                {can(frame.user.role, 'settings.manage') ? (
                  <li>
                    <a href="/admin/settings/site">Site settings</a>
                  </li>
                ) : null}
                <li>
                  <a href="/admin/tokens">API tokens</a>
                </li>
                <li>
                  <a href="/">View site</a>
                </li>
                <li>
                  <form method="post" action="/admin/logout" class="inline">
                    <input type="hidden" name="_csrf" value={frame.csrf} />
                    <button type="submit">Sign out</button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="content">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

function FieldError({ message }: { message: string | undefined }) {
  return message ? <p class="field-error">{message}</p> : null;
}

export function SignInPage(props: {
  frame: AdminFrame;
  email: string;
  next: string;
  error?: string;
}) {
  return (
    <AdminLayout frame={props.frame} title="Sign in">
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/admin/login" class="admin-form">
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required value={props.email} />
        </p>
        <p>
          <label for="password">Password</label>
          <input id="password" name="password" type="password" required />
        </p>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function SetupPage(props: {
  frame: AdminFrame;
  token: string;
  values: { email: string; name: string };
  error?: string;
  fields?: Readonly<Record<string, string>>;
}) {
  return (
    <AdminLayout frame={props.frame} title="Create the owner account">
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/admin/setup" class="admin-form">
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        <input type="hidden" name="token" value={props.token} />
        <p>
          <label for="name">Your name</label>
          <input id="name" name="name" required value={props.values.name} />
          <FieldError message={props.fields?.name} />
        </p>
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required value={props.values.email} />
          <FieldError message={props.fields?.email} />
        </p>
        <p>
          <label for="password">Password (at least 10 characters)</label>
          <input id="password" name="password" type="password" required minlength={10} />
          <FieldError message={props.fields?.password} />
        </p>
        <p>
          <button type="submit">Create account</button>
        </p>
      </form>
    </AdminLayout>
  );
}

/** The dashboard counts the queue up to this many (admin-app asks for no more). */
export const PENDING_SHOWN_UP_TO = 500;

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export function DashboardPage(props: {
  frame: AdminFrame;
  pending: readonly DiscussionItem[];
  scheduled: readonly Article[];
  activity: readonly LoggedArticleEvent[];
  titles: ReadonlyMap<number, string>;
}) {
  return (
    <AdminLayout frame={props.frame} title="Dashboard">
      <section aria-labelledby="pending">
        <h2 id="pending">
          Waiting for moderation (
          {props.pending.length >= PENDING_SHOWN_UP_TO
            ? `${PENDING_SHOWN_UP_TO} or more`
            : props.pending.length}
          )
        </h2>
        {props.pending.length === 0 ? (
          <p>Nothing is waiting.</p>
        ) : (
          <p>
            <a href="/admin/moderation?status=pending">Open the moderation queue</a>
          </p>
        )}
      </section>
      <section aria-labelledby="scheduled">
        <h2 id="scheduled">Scheduled</h2>
        {props.scheduled.length === 0 ? (
          <p>No scheduled articles.</p>
        ) : (
          <ul>
            {props.scheduled.map((a) => (
              <li>
                <a href={`/admin/articles/${a.id}/edit`}>{a.title}</a> —{' '}
                {a.publishedAt ? when(a.publishedAt) : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="activity">
        <h2 id="activity">Recent activity</h2>
        {props.activity.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ul>
            {props.activity.map((e) => (
              <li>
                {when(e.createdAt)}: {e.type.replace('article.', '')} —{' '}
                {props.titles.get(e.articleId) ?? `article ${e.articleId}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}

export function ModerationPage(props: {
  frame: AdminFrame;
  items: readonly DiscussionItem[];
  status: string;
  kind: string;
  excerpt: (i: DiscussionItem) => string;
  titles: ReadonlyMap<number, string>;
  notice?: string;
}) {
  const filters = ['pending', ...MODERATION_STATUSES.filter((s) => s !== 'pending')];
  return (
    <AdminLayout frame={props.frame} title="Moderation">
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="get" action="/admin/moderation" class="filters">
        <label for="status">Status</label>
        <select id="status" name="status">
          {filters.map((s) => (
            <option value={s} selected={s === props.status}>
              {s}
            </option>
          ))}
        </select>
        <label for="kind">Kind</label>
        <select id="kind" name="kind">
          {['all', 'comment', 'linkback', 'fediverse'].map((k) => (
            <option value={k} selected={k === props.kind}>
              {k}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      {props.items.length === 0 ? (
        <p>Nothing here.</p>
      ) : (
        <form method="post" action="/admin/moderation">
          <input type="hidden" name="_csrf" value={props.frame.csrf} />
          <input type="hidden" name="status" value={props.status} />
          <input type="hidden" name="kind" value={props.kind} />
          <table class="queue">
            <thead>
              <tr>
                <th scope="col">Select</th>
                <th scope="col">From</th>
                <th scope="col">On</th>
                <th scope="col">Text</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr id={`item-${i.id}`}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={String(i.id)}
                      aria-label={`Select item ${i.id}`}
                    />
                  </td>
                  <td>
                    {i.authorName}
                    <br />
                    <small>
                      {i.kind === 'linkback' ? (i.protocol ?? 'linkback') : i.kind}
                      {i.sourceUrl ? ` · ${i.sourceUrl}` : ''}
                    </small>
                  </td>
                  <td>{props.titles.get(i.articleId) ?? `article ${i.articleId}`}</td>
                  <td>{props.excerpt(i)}</td>
                  <td>
                    {MODERATION_STATUSES.filter((s) => s !== i.status && s !== 'pending').map(
                      (s) => (
                        <button type="submit" name="one" value={`${i.id}:${s}`}>
                          {s === 'approved' ? 'Approve' : s === 'spam' ? 'Spam' : 'Trash'}
                        </button>
                      ),
                    )}
                    {i.status === 'approved' ? <StaffReplyFields item={i} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <label for="bulk">With the selected:</label>{' '}
            <select id="bulk" name="to">
              <option value="approved">Approve</option>
              <option value="spam">Mark as spam</option>
              <option value="trash">Trash</option>
              <option value="pending">Hold</option>
            </select>{' '}
            <button type="submit" name="bulk" value="1">
              Apply
            </button>
          </p>
        </form>
      )}
      <StaffReplyForms
        items={props.items}
        csrf={props.frame.csrf}
        status={props.status}
        kind={props.kind}
      />
    </AdminLayout>
  );
}

export function ProblemPage(props: { frame: AdminFrame; title: string; message: string }) {
  return (
    <AdminLayout frame={props.frame} title={props.title}>
      <p>{props.message}</p>
    </AdminLayout>
  );
}
