/** /admin/terms: categories and tags, each action a form posting to the terms use cases. */
import type { TermKind } from '../../../domain/article.js';
import type { TermListing } from '../../../app/terms/ports.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';

/** What a refused form sent back, so the page shows it again with the message. */
export interface TermFormState {
  readonly op: string;
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly slug: string;
  readonly parent: string;
  readonly message: string;
}

function KindTable(props: {
  frame: AdminFrame;
  kind: TermKind;
  terms: readonly TermListing[];
  categories: readonly TermListing[];
  failed: TermFormState | undefined;
}) {
  const label = props.kind === 'category' ? 'Categories' : 'Tags';
  return (
    <section aria-labelledby={`h-${props.kind}`}>
      <h2 id={`h-${props.kind}`}>{label}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name, slug{props.kind === 'category' ? ', parent' : ''}</th>
            <th scope="col">Articles</th>
            <th scope="col">Delete</th>
          </tr>
        </thead>
        <tbody>
          {props.terms.map((t) => {
            const f =
              props.failed?.op === 'update' && props.failed.id === String(t.id)
                ? props.failed
                : undefined;
            const p = `t${t.id}`;
            return (
              <tr>
                <td>
                  <form method="post" action="/admin/terms" class="inline">
                    <input type="hidden" name="_csrf" value={props.frame.csrf} />
                    <input type="hidden" name="op" value="update" />
                    <input type="hidden" name="id" value={String(t.id)} />
                    <label for={`${p}-name`}>Name</label>
                    <input
                      id={`${p}-name`}
                      name="name"
                      value={f?.name ?? t.name}
                      required
                      maxlength={200}
                    />
                    <label for={`${p}-slug`}>Slug</label>
                    <input
                      id={`${p}-slug`}
                      name="slug"
                      value={f?.slug ?? t.slug}
                      required
                      maxlength={200}
                    />
                    {props.kind === 'category' ? (
                      <>
                        <label for={`${p}-parent`}>Parent</label>
                        <select id={`${p}-parent`} name="parent">
                          <option value="">(top level)</option>
                          {props.categories
                            .filter((c) => c.id !== t.id)
                            .map((c) => (
                              <option
                                value={String(c.id)}
                                selected={String(c.id) === (f?.parent ?? String(t.parentId ?? ''))}
                              >
                                {c.name}
                              </option>
                            ))}
                        </select>
                      </>
                    ) : null}
                    <button type="submit">Save</button>
                    {f ? (
                      <p class="field-error" role="alert">
                        {f.message}
                      </p>
                    ) : null}
                  </form>
                </td>
                <td>{String(t.articleCount)}</td>
                <td>
                  <form method="post" action="/admin/terms" class="inline">
                    <input type="hidden" name="_csrf" value={props.frame.csrf} />
                    <input type="hidden" name="op" value="delete" />
                    <input type="hidden" name="id" value={String(t.id)} />
                    <button type="submit" aria-label={`Delete ${t.name}`}>
                      Delete
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function TermsPage(props: {
  frame: AdminFrame;
  categories: readonly TermListing[];
  tags: readonly TermListing[];
  notice?: string;
  failed?: TermFormState;
}) {
  const f = props.failed?.op === 'create' ? props.failed : undefined;
  return (
    <AdminLayout frame={props.frame} title="Categories and tags">
      {props.notice ? <p role="status">{props.notice}</p> : null}
      <p>
        Deleting a term takes it off its articles, which keep their other terms; a deleted
        category's subcategories move up to its parent.
      </p>
      <form method="post" action="/admin/terms">
        <h2>Add a category or tag</h2>
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        <input type="hidden" name="op" value="create" />
        <label for="new-kind">Kind</label>
        <select id="new-kind" name="kind">
          <option value="category" selected={f?.kind !== 'tag'}>
            Category
          </option>
          <option value="tag" selected={f?.kind === 'tag'}>
            Tag
          </option>
        </select>
        <label for="new-name">Name</label>
        <input id="new-name" name="name" value={f?.name ?? ''} required maxlength={200} />
        <label for="new-slug">Slug (optional)</label>
        <input id="new-slug" name="slug" value={f?.slug ?? ''} maxlength={200} />
        <label for="new-parent">Parent category</label>
        <select id="new-parent" name="parent">
          <option value="">(top level)</option>
          {props.categories.map((c) => (
            <option value={String(c.id)} selected={String(c.id) === f?.parent}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit">Add</button>
        {f ? (
          <p class="field-error" role="alert">
            {f.message}
          </p>
        ) : null}
      </form>
      <KindTable
        frame={props.frame}
        kind="category"
        terms={props.categories}
        categories={props.categories}
        failed={props.failed}
      />
      <KindTable
        frame={props.frame}
        kind="tag"
        terms={props.tags}
        categories={props.categories}
        failed={props.failed}
      />
    </AdminLayout>
  );
}
