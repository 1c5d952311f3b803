/**
 * The editor's routes: the form (new and edit), plus the island's endpoints (preview, autosave,
 * upload: editor-island-handlers.tsx). Each form post calls a use case of src/app/editor, then
 * answers 303 or the form again with everything typed and a message per field.
 */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { articleUrl } from '../../../app/articles/create-article.js';
import { storedSnapshot } from '../../../app/articles/snapshot.js';
import type { AppDeps } from '../../../app/deps.js';
import { openInEditor, type PendingAutosave } from '../../../app/editor/autosave.js';
import {
  blankEditorValues,
  EDITOR_ACTIONS,
  editorValuesFrom,
  type EditorAction,
  type EditorValues,
  type FieldErrors,
} from '../../../app/editor/editor-form.js';
import { valuesOfArticle, withAutosave } from '../../../app/editor/editor-values.js';
import type { EditorPresence } from '../../../app/editor/ports.js';
import { previewArticle, previewNew, type Preview } from '../../../app/editor/preview.js';
import {
  createFromEditor,
  updateFromEditor,
  type EditConflict,
} from '../../../app/editor/save-from-editor.js';
import { addMedia } from '../../../app/media/add-media.js';
import type { MediaDeps } from '../../../app/media/deps.js';
import { loadSiteSettings } from '../../../app/site-settings.js';
import type { Article, Author } from '../../../domain/article.js';
import { can, canOnArticle } from '../../../domain/permissions.js';
import { statusFor } from '../../errors.js';
import { ProblemPage, type AdminFrame } from '../admin-views.js';
import { islandHref } from '../islands.js';
import { wallClock } from './editor-parts.js';
import { EditorPage, type EditorPageProps } from './editor-page.js';
import { editorIslandHandlers } from './editor-island-handlers.js';

export interface EditorKit<C extends Context> {
  readonly app: AppDeps;
  readonly media: MediaDeps;
  readonly frame: (c: C) => AdminFrame;
  readonly page: (c: C, view: JSX.Element, status?: number) => Promise<Response>;
  readonly field: (c: C, name: string) => string;
  readonly fields: (c: C, name: string) => string[];
  /** A file the form sent under `name`, if any bytes came. */
  readonly file: (c: C, name: string) => File | undefined;
  /** The JSON body the island posted, or undefined for a form post. */
  readonly json: (c: C) => Readonly<Record<string, unknown>> | undefined;
  readonly user: (c: C) => Author;
}

const DONE: Readonly<Record<string, string>> = {
  created: 'Draft saved.',
  saved: 'Saved.',
  published: 'Published.',
  scheduled: 'Scheduled.',
  unpublished: 'Unpublished: the article is a draft again.',
  unchanged: 'Nothing had changed: nothing was saved.',
  discarded: 'Your unsaved changes were discarded.',
  autosaved: 'Your unsaved changes are kept for later.',
};

const articleIdOf = (raw: string | undefined) =>
  raw && /^[1-9][0-9]{0,11}$/.test(raw) ? Number(raw) : null;

const actionOf = (raw: string): EditorAction | null =>
  raw === ''
    ? 'save'
    : (EDITOR_ACTIONS as readonly string[]).includes(raw)
      ? (raw as EditorAction)
      : null;

const uploadedNotice = (id: number) =>
  ({
    kind: 'notice',
    text: `Image ${id} is in the library: put it in the body as ![alt text](media:${id}), or pick it as the featured image.`,
  }) as const;

interface Screen {
  readonly article: Article | null;
  readonly values: EditorValues;
  readonly revision: number;
  readonly errors?: FieldErrors;
  readonly message?: EditorPageProps['message'];
  readonly conflict?: EditConflict;
  readonly preview: Preview | null;
  readonly pending?: PendingAutosave | null;
  readonly others?: readonly EditorPresence[];
}

export function editorHandlers<C extends Context>(kit: EditorKit<C>) {
  const { app } = kit;

  const show = async (c: C, s: Screen, status = 200) => {
    const user = kit.user(c);
    const bylines = s.article
      ? ((await app.repos.articles.bylines([s.article.id])).get(s.article.id) ?? [])
      : [user.id];
    const [writers, library, notes] = await Promise.all([
      app.repos.users.listByRoles(['owner', 'editor', 'author', 'contributor']),
      app.repos.media.list(200),
      s.article ? app.repos.corrections.forArticles([s.article.id]) : new Map(),
    ]);
    const props: EditorPageProps = {
      frame: kit.frame(c),
      timeZone: app.timezone,
      article: s.article,
      url: s.article ? articleUrl(app, s.article) : null,
      revision: s.revision,
      values: s.values,
      errors: s.errors ?? {},
      ...(s.message ? { message: s.message } : {}),
      ...(s.conflict ? { conflict: s.conflict } : {}),
      preview: s.preview,
      pending: s.pending ?? null,
      others: s.others ?? [],
      writers: writers.sort((a, b) => a.name.localeCompare(b.name)),
      library,
      corrections: s.article ? (notes.get(s.article.id) ?? []) : [],
      canPublish: canOnArticle(user.role, 'publish', bylines.includes(user.id)),
      canUpload: can(user.role, 'media.upload'),
      islandHref: islandHref('editor'),
    };
    return kit.page(c, <EditorPage {...props} />, status);
  };

  const problem = (c: C, code: Parameters<typeof statusFor>[0], message: string) =>
    kit.page(
      c,
      <ProblemPage frame={kit.frame(c)} title="Cannot open the editor" message={message} />,
      statusFor(code),
    );

  const valuesFrom = (c: C) =>
    editorValuesFrom(
      (n) => kit.field(c, n),
      (n) => kit.fields(c, n),
    );

  /** A featured image uploaded with the form goes into the library first. */
  const inlineUpload = async (
    c: C,
    values: EditorValues,
  ): Promise<{ values: EditorValues; error?: string }> => {
    const file = kit.file(c, 'featured_file');
    if (!file) return { values };
    if (!can(kit.user(c).role, 'media.upload')) {
      return { values, error: 'your role may not upload images; pick one from the library' };
    }
    const added = await addMedia(kit.media, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      originalName: file.name,
      alt: values.featured_alt,
    });
    if (!added.ok) return { values, error: `the upload was refused: ${added.error.message}` };
    return { values: { ...values, featured: String(added.value.item.id), featured_alt: '' } };
  };

  const loaded = async (c: C, id: number) => {
    const article = await app.repos.articles.findById(id);
    if (!article || article.deletedAt) return null;
    const opened = await openInEditor(app, kit.user(c), id);
    return { article, opened };
  };

  return {
    'GET /articles/new': async (c: C) => {
      const settings = await loadSiteSettings(app.repos.settings);
      const values = blankEditorValues({
        authorId: kit.user(c).id,
        commentsOpen: settings.discussion.commentsOpenByDefault,
        linkbacksOpen: settings.discussion.linkbacksOpenByDefault,
      });
      const uploaded = articleIdOf(c.req.query('uploaded'));
      return show(c, {
        article: null,
        values,
        revision: 0,
        preview: null,
        ...(uploaded ? { message: uploadedNotice(uploaded) } : {}),
      });
    },

    'POST /articles/new': async (c: C) => {
      const action = actionOf(kit.field(c, 'action'));
      let values = valuesFrom(c);
      const user = kit.user(c);
      if (action === null) {
        const message = { kind: 'error', text: 'Unknown form action.' } as const;
        return show(c, { article: null, values, revision: 0, preview: null, message }, 400);
      }
      if (action === 'preview') {
        const featured = values.featured ? Number(values.featured) || null : null;
        const preview = await previewNew(app, user, values.body, featured);
        return preview.ok
          ? show(c, { article: null, values, revision: 0, preview: preview.value })
          : show(
              c,
              {
                article: null,
                values,
                revision: 0,
                preview: null,
                errors: { body: preview.error.message },
              },
              statusFor(preview.error.code),
            );
      }
      const upload = await inlineUpload(c, values);
      values = upload.values;
      if (upload.error) {
        const errors = { featured: upload.error };
        return show(c, { article: null, values, revision: 0, preview: null, errors }, 400);
      }
      const saved = await createFromEditor(app, { user, values, action });
      if (saved.ok) {
        return c.redirect(
          `/admin/articles/${saved.value.article.id}/edit?done=${saved.value.done}`,
          303,
        );
      }
      return show(
        c,
        {
          article: null,
          values,
          revision: 0,
          preview: null,
          errors: saved.error.fields,
          message: { kind: 'error', text: saved.error.message },
        },
        statusFor(saved.error.code),
      );
    },

    'GET /articles/:id/edit': async (c: C) => {
      const id = articleIdOf(c.req.param('id'));
      const found = id === null ? null : await loaded(c, id);
      if (!found)
        return problem(c, 'not_found', 'There is no such article (or it is in the trash).');
      if (!found.opened.ok) return problem(c, found.opened.error.code, found.opened.error.message);
      const { article } = found;
      const { pending, othersEditing } = found.opened.value;
      const snap = await storedSnapshot(app.repos, article);
      const revision = (await app.repos.revisions.latest(article.id))?.number ?? 0;
      let values = valuesOfArticle(article, snap, app.timezone);
      let message: EditorPageProps['message'];
      const restore = c.req.query('restore') === '1' && pending;
      if (restore) {
        values = withAutosave(values, pending.fields);
        message = {
          kind: 'notice',
          text: `Restored your unsaved changes from ${wallClock(pending.savedAt, app.timezone)}: save to keep them.`,
        };
      } else {
        const done = DONE[c.req.query('done') ?? ''];
        const uploaded = articleIdOf(c.req.query('uploaded'));
        if (done) message = { kind: 'notice', text: done };
        else if (uploaded) message = uploadedNotice(uploaded);
      }
      return show(c, {
        article,
        values,
        revision,
        preview: { html: article.bodyHtml, problem: null },
        pending: restore ? null : pending,
        others: othersEditing,
        ...(message ? { message } : {}),
      });
    },

    'POST /articles/:id/edit': async (c: C) => {
      const id = articleIdOf(c.req.param('id'));
      const found = id === null ? null : await loaded(c, id);
      if (!found)
        return problem(c, 'not_found', 'There is no such article (or it is in the trash).');
      const { article } = found;
      const others = found.opened.ok ? found.opened.value.othersEditing : [];
      const user = kit.user(c);
      const sentRevision = articleIdOf(kit.field(c, 'revision'));
      const revision = sentRevision ?? 0;
      let values = valuesFrom(c);
      const action = actionOf(kit.field(c, 'action'));
      const again = (s: Partial<Screen>, status: number) =>
        show(c, { article, values, revision, preview: null, others, ...s }, status);
      if (action === null)
        return again({ message: { kind: 'error', text: 'Unknown form action.' } }, 400);
      if (action === 'preview') {
        const preview = await previewArticle(app, user, article.id, values.body);
        return preview.ok
          ? again({ preview: preview.value }, 200)
          : again({ errors: { body: preview.error.message } }, statusFor(preview.error.code));
      }
      const upload = await inlineUpload(c, values);
      values = upload.values;
      if (upload.error) return again({ errors: { featured: upload.error } }, 400);
      const saved = await updateFromEditor(app, {
        user,
        values,
        action,
        articleId: article.id,
        ...(sentRevision === null ? {} : { expectedRevision: sentRevision }),
      });
      if (saved.ok)
        return c.redirect(`/admin/articles/${article.id}/edit?done=${saved.value.done}`, 303);
      const { conflict } = saved.error;
      return again(
        {
          errors: saved.error.fields,
          message: { kind: 'error', text: saved.error.message },
          // Having seen what changed, the next save is meant to replace the newer version.
          ...(conflict ? { conflict, revision: conflict.revision } : {}),
        },
        statusFor(saved.error.code),
      );
    },

    ...editorIslandHandlers(kit, problem, valuesFrom),
  };
}
