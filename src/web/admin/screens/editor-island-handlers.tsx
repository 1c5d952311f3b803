/**
 * The editor's endpoints the island calls with JSON (preview, autosave, upload); each also
 * answers a plain form post, with a preview page or a redirect back to the editor.
 */
import type { Context } from 'hono';
import { raw } from 'hono/html';
import { autosaveArticle, discardAutosave } from '../../../app/editor/autosave.js';
import { editorValuesFrom, type EditorValues } from '../../../app/editor/editor-form.js';
import { createFromEditor } from '../../../app/editor/save-from-editor.js';
import { previewArticle, previewNew, type Preview } from '../../../app/editor/preview.js';
import type { FailureCode } from '../../../domain/failures.js';
import { statusFor } from '../../errors.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';
import type { EditorKit } from './editor-handlers.js';
import { mediaUploadHandler } from './media-upload.js';

const articleIdOf = (raw: string | undefined) =>
  raw && /^[1-9][0-9]{0,11}$/.test(raw) ? Number(raw) : null;

export function editorIslandHandlers<C extends Context>(
  kit: EditorKit<C>,
  problem: (c: C, code: FailureCode, message: string) => Promise<Response>,
  valuesFrom: (c: C) => EditorValues,
) {
  const { app } = kit;
  return {
    'POST /articles/:id/preview': async (c: C) => {
      const id = articleIdOf(c.req.param('id'));
      return previewAnswer(c, (body) =>
        id === null
          ? Promise.resolve({
              ok: false,
              error: { code: 'not_found', message: 'no such article' },
            } as const)
          : previewArticle(app, kit.user(c), id, body),
      );
    },

    'POST /preview': (c: C) => previewAnswer(c, (body) => previewNew(app, kit.user(c), body, null)),

    'POST /articles/:id/autosave': async (c: C) => {
      if (c.req.param('id') === 'new') return firstAutosave(c);
      const id = articleIdOf(c.req.param('id'));
      if (id === null) return c.json({ error: 'no such article' }, statusFor('not_found'));
      const json = kit.json(c);
      const user = kit.user(c);
      if (!json && kit.field(c, 'op') === 'discard') {
        const r = await discardAutosave(app, user, id);
        if (!r.ok) return problem(c, r.error.code, r.error.message);
        return c.redirect(`/admin/articles/${id}/edit?done=discarded`, 303);
      }
      const { revision, ...fields } = json ?? {
        ...valuesFrom(c),
        revision: kit.field(c, 'revision'),
      };
      const r = await autosaveArticle(app, user, { articleId: id, fields, revision });
      if (!json) {
        if (!r.ok) return problem(c, r.error.code, r.error.message);
        return c.redirect(`/admin/articles/${id}/edit?done=autosaved`, 303);
      }
      if (!r.ok) return c.json({ error: r.error.message }, statusFor(r.error.code));
      return c.json({
        savedAt: r.value.savedAt.toISOString(),
        othersEditing: r.value.othersEditing.map((o) => ({ name: o.name, at: o.at.toISOString() })),
      });
    },

    'POST /media/upload': mediaUploadHandler(kit),
  };

  /**
   * The first autosave of an article never saved: it saves the form as a draft (revision 1, as
   * "Save draft" would) and answers where the draft now lives, so the island sends the next
   * autosaves, and the form its submit, there. Without a title there is nothing to save yet.
   */
  async function firstAutosave(c: C) {
    const json = kit.json(c);
    if (!json) {
      return c.json(
        { error: 'a new article is autosaved by the editor island, as JSON' },
        statusFor('invalid_input'),
      );
    }
    const text = (v: unknown): string =>
      typeof v === 'string' ? v : Array.isArray(v) ? text(v[0]) : '';
    const values = editorValuesFrom(
      (name) => text(json[name]),
      (name) => {
        const v = json[name];
        return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      },
    );
    if (!values.title.trim()) {
      return c.json(
        { error: 'give the article a title; its first autosave then saves it as a draft' },
        statusFor('invalid_input'),
      );
    }
    const saved = await createFromEditor(app, { user: kit.user(c), values, action: 'save' });
    if (!saved.ok) {
      const [field, message] = Object.entries(saved.error.fields)[0] ?? [];
      return c.json(
        { error: field ? `${field}: ${message}` : saved.error.message },
        statusFor(saved.error.code),
      );
    }
    const { article } = saved.value;
    const base = `/admin/articles/${article.id}`;
    return c.json({
      savedAt: article.updatedAt.toISOString(),
      othersEditing: [],
      created: {
        id: article.id,
        revision: (await app.repos.revisions.latest(article.id))?.number ?? 1,
        editUrl: `${base}/edit`,
        autosaveUrl: `${base}/autosave`,
      },
    });
  }

  async function previewAnswer(
    c: C,
    render: (
      body: string,
    ) => Promise<
      | { ok: true; value: Preview }
      | { ok: false; error: { code: Parameters<typeof statusFor>[0]; message: string } }
    >,
  ) {
    const json = kit.json(c);
    const body = json ? json.body : kit.field(c, 'body');
    if (typeof body !== 'string') {
      return c.json(
        { error: 'body: expected the Markdown as a string' },
        statusFor('invalid_input'),
      );
    }
    const r = await render(body);
    if (json) {
      return r.ok
        ? c.json({
            html: String(r.value.html),
            ...(r.value.problem ? { problem: r.value.problem } : {}),
          })
        : c.json({ error: r.error.message }, statusFor(r.error.code));
    }
    if (!r.ok) return problem(c, r.error.code, r.error.message);
    return kit.page(c, <PreviewPage frame={kit.frame(c)} preview={r.value} />);
  }
}

/** The preview alone: what a form post to a preview URL gets (the island asks for JSON). */
function PreviewPage(props: { frame: AdminFrame; preview: Preview }) {
  return (
    <AdminLayout frame={props.frame} title="Preview">
      {props.preview.problem ? <p class="field-error">{props.preview.problem}</p> : null}
      <div id="editor-preview" aria-live="polite" class="e-content">
        {raw(props.preview.html)}
      </div>
    </AdminLayout>
  );
}
