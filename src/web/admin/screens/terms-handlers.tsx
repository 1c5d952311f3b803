/** The handlers of /admin/terms: each form post calls one terms use case, then 303 or the form again. */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppDeps } from '../../../app/deps.js';
import { createTerm, deleteTerm, listTerms, updateTerm } from '../../../app/terms/manage-terms.js';
import type { Author } from '../../../domain/article.js';
import { statusFor } from '../../errors.js';
import type { AdminFrame } from '../admin-views.js';
import { TermsPage, type TermFormState } from './terms-page.js';

export interface ScreenKit<C extends Context> {
  readonly app: Pick<AppDeps, 'repos' | 'uow' | 'clock'>;
  readonly frame: (c: C) => AdminFrame;
  readonly page: (c: C, view: JSX.Element, status?: number) => Promise<Response>;
  readonly field: (c: C, name: string) => string;
  /** Whether the form sent the field at all (a tag's form has no parent). */
  readonly has: (c: C, name: string) => boolean;
  readonly user: (c: C) => Author;
}

const idOf = (v: string): number | null => (/^[1-9][0-9]{0,11}$/.test(v) ? Number(v) : null);

export function termsHandlers<C extends Context>(kit: ScreenKit<C>) {
  const show = async (c: C, extra: { notice?: string; failed?: TermFormState }, status = 200) => {
    const [categories, tags] = await Promise.all([
      listTerms(kit.app, 'category'),
      listTerms(kit.app, 'tag'),
    ]);
    return kit.page(
      c,
      <TermsPage frame={kit.frame(c)} categories={categories} tags={tags} {...extra} />,
      status,
    );
  };
  return {
    'GET /terms': (c: C) => {
      const done = c.req.query('done');
      return show(
        c,
        done === 'created' || done === 'saved' || done === 'deleted'
          ? { notice: `Term ${done}.` }
          : {},
      );
    },
    'POST /terms': async (c: C) => {
      const f = (n: string) => kit.field(c, n);
      const state: Omit<TermFormState, 'message'> = {
        op: f('op'),
        id: f('id'),
        kind: f('kind'),
        name: f('name'),
        slug: f('slug'),
        parent: f('parent'),
      };
      const parentId = state.parent === '' ? null : (idOf(state.parent) ?? -1);
      const actor = kit.user(c);
      const id = idOf(state.id);
      const r =
        state.op === 'create'
          ? await createTerm(kit.app, actor, {
              kind: state.kind as 'category',
              name: state.name,
              ...(state.slug.trim() ? { slug: state.slug } : {}),
              parentId,
            })
          : state.op === 'update' && id !== null
            ? await updateTerm(kit.app, actor, id, {
                name: state.name,
                slug: state.slug,
                ...(kit.has(c, 'parent') ? { parentId } : {}),
              })
            : state.op === 'delete' && id !== null
              ? await deleteTerm(kit.app, actor, id)
              : ({
                  ok: false,
                  error: { code: 'invalid_input', message: 'Unknown form action.' },
                } as const);
      if (!r.ok)
        return show(c, { failed: { ...state, message: r.error.message } }, statusFor(r.error.code));
      const done = state.op === 'create' ? 'created' : state.op === 'update' ? 'saved' : 'deleted';
      return c.redirect(`/admin/terms?done=${done}`, 303);
    },
  };
}
