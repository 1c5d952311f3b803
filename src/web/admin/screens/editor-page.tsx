/**
 * The article editor: one plain form that works without JavaScript. The Markdown textarea and the
 * preview and status elements carry the attributes the editor island reads (src/web/admin/
 * islands.ts); without the island, "Preview" posts the form and the page comes back with the
 * preview drawn by the server, everything typed kept.
 */
import { raw } from 'hono/html';
import type { EditConflict } from '../../../app/editor/save-from-editor.js';
import type { EditorValues, FieldErrors } from '../../../app/editor/editor-form.js';
import type { EditorPresence } from '../../../app/editor/ports.js';
import type { Article, Author, Correction } from '../../../domain/article.js';
import type { MediaItem } from '../../../domain/media.js';
import type { TrustedHtml } from '../../../domain/trusted-html.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';
import { AlsoEditing, ConflictNotice, Field, wallClock } from './editor-parts.js';

export interface EditorPageProps {
  readonly frame: AdminFrame;
  readonly timeZone: string;
  /** Null: a new article. */
  readonly article: Article | null;
  readonly url: string | null;
  /** The revision the form carries (expectedRevision). */
  readonly revision: number;
  readonly values: EditorValues;
  readonly errors: FieldErrors;
  readonly message?: { readonly kind: 'error' | 'notice'; readonly text: string };
  readonly conflict?: EditConflict;
  readonly preview: { readonly html: TrustedHtml; readonly problem: string | null } | null;
  readonly pending?: { readonly savedAt: Date } | null;
  readonly others: readonly EditorPresence[];
  readonly writers: readonly Author[];
  readonly library: readonly MediaItem[];
  readonly corrections: readonly Correction[];
  readonly canPublish: boolean;
  readonly canUpload: boolean;
  /** The island's script, or null when no bundle is built. */
  readonly islandHref: string | null;
}

const check = (on: string) => on === 'on';

export function EditorPage(p: EditorPageProps) {
  const v = p.values;
  const e = p.errors;
  const id = p.article?.id;
  const base = id ? `/admin/articles/${id}` : null;
  const action = base ? `${base}/edit` : '/admin/articles/new';
  const status = p.article?.status ?? 'new';
  const live = status === 'published' || status === 'scheduled';
  const title = p.article ? `Edit “${p.article.title}”` : 'New article';
  return (
    <AdminLayout frame={p.frame} title={title}>
      {p.islandHref ? <script type="module" src={p.islandHref}></script> : null}
      {p.message ? (
        <p
          class={p.message.kind === 'error' ? 'notice error' : 'notice'}
          role={p.message.kind === 'error' ? 'alert' : 'status'}
        >
          {p.message.text}
        </p>
      ) : null}
      {p.conflict ? <ConflictNotice conflict={p.conflict} timeZone={p.timeZone} /> : null}
      <AlsoEditing others={p.others} timeZone={p.timeZone} />
      {p.pending && base ? (
        <div class="notice" id="autosave-offer">
          <p>
            You have unsaved changes from {wallClock(p.pending.savedAt, p.timeZone)}.{' '}
            <a href={`${base}/edit?restore=1`}>Restore them</a> or discard them:
          </p>
          <form method="post" action={`${base}/autosave`} class="inline">
            <input type="hidden" name="_csrf" value={p.frame.csrf} />
            <button type="submit" name="op" value="discard">
              Discard
            </button>
          </form>
        </div>
      ) : null}
      <p class="editor-meta">
        Status: <strong>{status}</strong>
        {p.article?.publishedAt ? ` (${wallClock(p.article.publishedAt, p.timeZone)})` : ''}
        {p.url && status === 'published' ? (
          <>
            {' '}
            · <a href={p.url}>View the article</a>
          </>
        ) : null}
      </p>
      <form method="post" action={action} enctype="multipart/form-data" class="admin-form editor">
        <input type="hidden" name="_csrf" value={p.frame.csrf} />
        <input type="hidden" name="revision" value={String(p.revision)} />
        <Field name="title" label="Title" errors={e}>
          {(a) => <input {...a} name="title" value={v.title} required maxlength={300} />}
        </Field>
        <Field name="slug" label="Slug" errors={e} hint="Empty: made from the title.">
          {(a) => <input {...a} name="slug" value={v.slug} maxlength={200} />}
        </Field>
        <Field name="standfirst" label="Standfirst" errors={e}>
          {(a) => (
            <textarea {...a} name="standfirst" rows={2} maxlength={1000}>
              {v.standfirst}
            </textarea>
          )}
        </Field>
        <Field
          name="body"
          label="Body (Markdown)"
          errors={e}
          hint="Library images: ![alt text](media:ID)."
        >
          {(a) => (
            <textarea
              {...a}
              name="body"
              rows={24}
              data-editor="markdown"
              data-preview-url={base ? `${base}/preview` : '/admin/preview'}
              data-autosave-url={base ? `${base}/autosave` : '/admin/articles/new/autosave'}
              data-upload-url="/admin/media/upload"
              data-csrf={p.frame.csrf}
            >
              {v.body}
            </textarea>
          )}
        </Field>
        <p id="editor-status" role="status">
          {p.article
            ? `Revision ${p.revision}, saved ${wallClock(p.article.updatedAt, p.timeZone)}`
            : ''}
        </p>
        <Field name="excerpt" label="Excerpt" errors={e} hint="Empty: made from the body.">
          {(a) => (
            <textarea {...a} name="excerpt" rows={2} maxlength={1000}>
              {v.excerpt}
            </textarea>
          )}
        </Field>
        <Field
          name="categories"
          label="Categories"
          errors={e}
          hint="Separated by commas; News/Politics files under Politics, inside News."
        >
          {(a) => <input {...a} name="categories" value={v.categories} />}
        </Field>
        <Field name="tags" label="Tags" errors={e} hint="Separated by commas.">
          {(a) => <input {...a} name="tags" value={v.tags} />}
        </Field>
        <fieldset>
          <legend>Bylines</legend>
          <Field name="author" label="Author (first byline)" errors={e}>
            {(a) => (
              <select {...a} name="author">
                {p.writers.map((w) => (
                  <option value={String(w.id)} selected={String(w.id) === v.author}>
                    {w.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p>Co-authors:</p>
          <ul class="choices" aria-describedby={e.coauthors ? 'coauthors-error' : undefined}>
            {p.writers.map((w) => (
              <li>
                <label>
                  <input
                    type="checkbox"
                    name="coauthors"
                    value={String(w.id)}
                    checked={v.coauthors.includes(String(w.id))}
                  />{' '}
                  {w.name}
                </label>
              </li>
            ))}
          </ul>
          {e.coauthors ? (
            <p id="coauthors-error" class="field-error">
              {e.coauthors}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Featured image</legend>
          <Field name="featured" label="From the library" errors={e}>
            {(a) => (
              <select {...a} name="featured">
                <option value="">(none)</option>
                {p.library.map((m) => (
                  <option value={String(m.id)} selected={String(m.id) === v.featured}>
                    {`${m.id}: ${m.alt || m.originalName || m.hash}${m.alt ? '' : ' (no alt text)'}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {p.canUpload ? (
            <>
              <p class="field">
                <label for="featured_file">Or upload a new one</label>
                <input id="featured_file" type="file" name="featured_file" accept="image/*" />
              </p>
              <Field name="featured_alt" label="Its alt text" errors={e}>
                {(a) => (
                  <input {...a} name="featured_alt" value={v.featured_alt} maxlength={1000} />
                )}
              </Field>
            </>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Publishing</legend>
          <Field
            name="publish_at"
            label={`Publish at (${p.timeZone})`}
            errors={e}
            hint="For “Schedule”; in the past, publishes with that date."
          >
            {(a) => <input {...a} type="datetime-local" name="publish_at" value={v.publish_at} />}
          </Field>
          <Field name="unpublish_at" label={`Unpublish at (${p.timeZone})`} errors={e}>
            {(a) => (
              <input {...a} type="datetime-local" name="unpublish_at" value={v.unpublish_at} />
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Discussion</legend>
          <p>
            <label>
              <input type="checkbox" name="comments" value="on" checked={check(v.comments)} />{' '}
              Comments open
            </label>
          </p>
          <Field name="comments_close_at" label="Close comments at" errors={e}>
            {(a) => (
              <input
                {...a}
                type="datetime-local"
                name="comments_close_at"
                value={v.comments_close_at}
              />
            )}
          </Field>
          <p>
            <label>
              <input type="checkbox" name="linkbacks" value="on" checked={check(v.linkbacks)} />{' '}
              Trackbacks, pingbacks and webmentions open
            </label>
          </p>
          <Field name="linkbacks_close_at" label="Close linkbacks at" errors={e}>
            {(a) => (
              <input
                {...a}
                type="datetime-local"
                name="linkbacks_close_at"
                value={v.linkbacks_close_at}
              />
            )}
          </Field>
          <Field
            name="trackback_to"
            label="Send trackbacks to"
            errors={e}
            hint="Trackback URLs, one per line."
          >
            {(a) => (
              <textarea {...a} name="trackback_to" rows={3}>
                {v.trackback_to}
              </textarea>
            )}
          </Field>
          <p>
            <label>
              <input
                type="checkbox"
                name="send_linkbacks"
                value="on"
                checked={check(v.send_linkbacks)}
              />{' '}
              Notify the pages this article links to
            </label>
          </p>
        </fieldset>
        {status === 'published' ? (
          <fieldset>
            <legend>Corrections</legend>
            {p.corrections.length > 0 ? (
              <ul>
                {p.corrections.map((c) => (
                  <li>
                    {c.kind === 'update' ? 'Update' : 'Correction'},{' '}
                    {wallClock(c.createdAt, p.timeZone)}: {c.note}
                  </li>
                ))}
              </ul>
            ) : null}
            <Field name="correction_kind" label="Note kind" errors={e}>
              {(a) => (
                <select {...a} name="correction_kind">
                  <option value="correction" selected={v.correction_kind !== 'update'}>
                    Correction
                  </option>
                  <option value="update" selected={v.correction_kind === 'update'}>
                    Update
                  </option>
                </select>
              )}
            </Field>
            <Field name="correction_note" label="Add a note, shown dated on the article" errors={e}>
              {(a) => (
                <textarea {...a} name="correction_note" rows={2} maxlength={2000}>
                  {v.correction_note}
                </textarea>
              )}
            </Field>
            <p>
              <label>
                <input type="checkbox" name="silent" value="on" checked={check(v.silent)} /> Silent
                fix (a typo): keep the article's “Updated” date
              </label>
            </p>
            {e.silent ? <p class="field-error">{e.silent}</p> : null}
          </fieldset>
        ) : null}
        {e.form ? (
          <p class="notice error" role="alert">
            {e.form}
          </p>
        ) : null}
        <p class="actions">
          <button type="submit" name="action" value="save" data-editor-save>
            {live ? 'Update' : 'Save draft'}
          </button>
          <button type="submit" name="action" value="preview">
            Preview
          </button>
          {p.canPublish && status !== 'published' ? (
            <>
              <button type="submit" name="action" value="publish">
                Publish now
              </button>
              <button type="submit" name="action" value="schedule">
                Schedule
              </button>
            </>
          ) : null}
          {p.canPublish && live ? (
            <button type="submit" name="action" value="unpublish">
              Unpublish
            </button>
          ) : null}
        </p>
      </form>
      <section aria-labelledby="h-preview" class="editor-preview">
        <h2 id="h-preview">Preview</h2>
        {p.preview?.problem ? <p class="field-error">{p.preview.problem}</p> : null}
        <div id="editor-preview" aria-live="polite" class="e-content">
          {p.preview ? raw(p.preview.html) : null}
        </div>
      </section>
    </AdminLayout>
  );
}
