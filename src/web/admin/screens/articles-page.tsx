/** /admin/articles: every article the user may edit, filtered, a page at a time. */
import type { BrowseResult, BrowseRow } from '../../../app/articles/browse-articles.js';
import { BROWSE_STATUSES } from '../../../app/articles/browse-ports.js';
import type { TermListing } from '../../../app/terms/ports.js';
import type { Author } from '../../../domain/article.js';
import { can } from '../../../domain/permissions.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';

export interface ArticleFilterOptions {
  /** Null: the viewer sees only their own articles, so there is no author to choose. */
  readonly authors: readonly Author[] | null;
  readonly categories: readonly TermListing[];
  readonly tags: readonly TermListing[];
}

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');

/** The row's state in the words of the status filter. */
export function browseStatus(row: BrowseRow): string {
  const a = row.article;
  if (a.deletedAt) return 'trashed';
  if (a.status === 'draft' && a.withdrawnAt) return 'unpublished';
  return a.status;
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  invalid: boolean;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id} aria-invalid={props.invalid ? 'true' : undefined}>
        <option value="">any</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

function RowLinks(props: { row: BrowseRow; viewer: Author; publicUrl: string | null }) {
  const id = props.row.article.id;
  return (
    <ul class="row-links">
      <li>
        <a href={`/admin/articles/${id}/edit`}>Edit</a>
      </li>
      <li>
        <a href={`/admin/articles/${id}/revisions`}>Revisions</a>
      </li>
      {can(props.viewer.role, 'linkbacks.ledger') ? (
        <li>
          <a href={`/admin/articles/${id}/linkbacks`}>Linkbacks</a>
        </li>
      ) : null}
      {props.publicUrl ? (
        <li>
          <a href={props.publicUrl}>View</a>
        </li>
      ) : null}
    </ul>
  );
}

export function ArticlesPage(props: {
  frame: AdminFrame;
  viewer: Author;
  /** What the form sent, shown again as typed. */
  values: Readonly<Record<string, string>>;
  options: ArticleFilterOptions;
  result: BrowseResult | null;
  /** The public address of each live row. */
  publicUrl: (row: BrowseRow) => string | null;
  error?: string;
  fields?: Readonly<Record<string, string>>;
}) {
  const v = (name: string) => props.values[name] ?? '';
  const bad = (name: string) => props.fields?.[name] !== undefined;
  const r = props.result;
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const name of ['status', 'type', 'author', 'category', 'tag', 'q']) {
      if (v(name)) params.set(name, v(name));
    }
    if (page > 1) params.set('page', String(page));
    const s = params.toString();
    return `/admin/articles${s ? `?${s}` : ''}`;
  };
  return (
    <AdminLayout frame={props.frame} title="Articles">
      <p>
        <a href="/admin/articles/new">Write a new article</a>
      </p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="get" action="/admin/articles" class="filters" role="search">
        <Select
          id="status"
          label="Status"
          value={v('status')}
          invalid={bad('status')}
          options={BROWSE_STATUSES.map((s) => ({ value: s, label: s }))}
        />
        <Select
          id="type"
          label="Type"
          value={v('type')}
          invalid={bad('type')}
          options={[
            { value: 'article', label: 'article' },
            { value: 'page', label: 'page' },
          ]}
        />
        {props.options.authors ? (
          <Select
            id="author"
            label="Author"
            value={v('author')}
            invalid={bad('author')}
            options={props.options.authors.map((u) => ({ value: String(u.id), label: u.name }))}
          />
        ) : null}
        <Select
          id="category"
          label="Category"
          value={v('category')}
          invalid={bad('category')}
          options={props.options.categories.map((t) => ({ value: String(t.id), label: t.name }))}
        />
        <Select
          id="tag"
          label="Tag"
          value={v('tag')}
          invalid={bad('tag')}
          options={props.options.tags.map((t) => ({ value: String(t.id), label: t.name }))}
        />
        <label for="q">Title or slug contains</label>
        <input
          id="q"
          name="q"
          type="search"
          value={v('q')}
          maxlength={200}
          aria-invalid={bad('q') ? 'true' : undefined}
        />
        <button type="submit">Filter</button>
      </form>
      {r === null ? null : r.rows.length === 0 ? (
        <p role="status">No articles match.</p>
      ) : (
        <>
          <p role="status">
            {r.total === 1 ? '1 article' : `${r.total} articles`}
            {r.ownOnly ? ' (yours)' : ''}; page {r.page} of {r.pageCount}.
          </p>
          <table class="queue articles">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Bylines</th>
                <th scope="col">Categories and tags</th>
                <th scope="col">Updated</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr id={`article-${row.article.id}`}>
                  <td>
                    <a href={`/admin/articles/${row.article.id}/edit`}>
                      {row.article.title || '(untitled)'}
                    </a>
                    <br />
                    <small>
                      {row.article.kind} · /{row.article.slug}
                    </small>
                  </td>
                  <td>
                    {browseStatus(row)}
                    {row.article.status === 'scheduled' ? (
                      <>
                        <br />
                        <small>{when(row.article.publishedAt)}</small>
                      </>
                    ) : null}
                  </td>
                  <td>{row.bylines.map((u) => u.name).join(', ')}</td>
                  <td>{[...row.categories, ...row.tags].map((t) => t.name).join(', ')}</td>
                  <td>{when(row.article.updatedAt)}</td>
                  <td>
                    <RowLinks row={row} viewer={props.viewer} publicUrl={props.publicUrl(row)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.pageCount > 1 ? (
            <nav aria-label="Pages of articles" class="pager">
              {r.page > 1 ? <a href={pageLink(r.page - 1)}>Previous page</a> : null}{' '}
              {r.page < r.pageCount ? <a href={pageLink(r.page + 1)}>Next page</a> : null}
            </nav>
          ) : null}
        </>
      )}
    </AdminLayout>
  );
}
