/** The handlers of /admin/articles/:id/revisions: list, one diff, restore (POST then 303). */
import type { Context } from 'hono';
import { articleFor } from '../../../app/articles/article-access.js';
import { diffRevisions, listRevisions, restoreRevision } from '../../../app/articles/revisions.js';
import type { UserNames } from '../../../app/articles/revision-text.js';
import type { Article } from '../../../domain/article.js';
import { failure, type Failure } from '../../../domain/failures.js';
import { ok } from '../../../domain/result.js';
import { statusFor } from '../../errors.js';
import type { ArticleScreenKit } from './articles-handlers.js';
import { pathId } from './path-ids.js';
import { RefusalPage } from './refusal.js';
import { RevisionDiffPage, RevisionsPage } from './revisions-page.js';

const REV = /^[1-9][0-9]{0,8}$/;

export function revisionsHandlers<C extends Context>(kit: ArticleScreenKit<C>) {
  const { app } = kit;
  const refuse = (c: C, f: Failure) =>
    kit.page(c, <RefusalPage frame={kit.frame(c)} failure={f} />, statusFor(f.code));
  const names = async (ids: readonly (number | null)[]): Promise<UserNames> => {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    return new Map((await app.repos.users.findByIds(wanted)).map((u) => [u.id, u.name]));
  };
  /** The article named by the path, when the user may edit it. */
  const article = async (c: C) => {
    const id = pathId(c.req.param('id'), 'article id');
    if (!id.ok) return id;
    const found = await articleFor(app, kit.user(c), {
      id: id.value,
      verb: 'edit',
      liveNeedsPublish: false,
    });
    return found.ok ? ok(found.value.article) : found;
  };
  const revisionNumber = (c: C) => {
    const v = c.req.param('rev') ?? '';
    return REV.test(v)
      ? ({ ok: true, value: Number(v) } as const)
      : ({
          ok: false,
          error: failure(
            'invalid_input',
            'The revision in the address must be a whole number such as 3.',
          ),
        } as const);
  };
  const showList = async (
    c: C,
    a: Article,
    extra: { notice?: string; error?: string },
    status = 200,
  ) => {
    const listed = await listRevisions(app, a.id);
    if (!listed.ok) return refuse(c, listed.error);
    const { revisions } = listed.value;
    return kit.page(
      c,
      <RevisionsPage
        frame={kit.frame(c)}
        article={listed.value.article}
        revisions={revisions}
        names={await names(revisions.map((r) => r.editorId))}
        {...extra}
      />,
      status,
    );
  };

  return {
    'GET /articles/:id/revisions': async (c: C) => {
      const a = await article(c);
      if (!a.ok) return refuse(c, a.error);
      const restored = c.req.query('restored') ?? '';
      const as = c.req.query('as') ?? '';
      const notice = !REV.test(restored)
        ? undefined
        : REV.test(as)
          ? `Revision ${restored} restored as revision ${as}.`
          : `Revision ${restored} says what the article says already; nothing changed.`;
      return showList(c, a.value, notice ? { notice } : {});
    },
    'GET /articles/:id/revisions/:rev': async (c: C) => {
      const a = await article(c);
      if (!a.ok) return refuse(c, a.error);
      const rev = revisionNumber(c);
      if (!rev.ok) return refuse(c, rev.error);
      const againstText = c.req.query('against') ?? 'previous';
      if (againstText !== 'previous' && againstText !== 'current') {
        return refuse(
          c,
          failure('invalid_input', 'Compare a revision against "previous" or "current".'),
        );
      }
      const against = againstText;
      const cmp = await diffRevisions(app, {
        articleId: a.value.id,
        from: rev.value,
        ...(against === 'current' ? { to: 'current' as const } : {}),
      });
      if (!cmp.ok) return refuse(c, cmp.error);
      const revision = against === 'current' ? cmp.value.from : cmp.value.to;
      if (revision === null || revision === 'current') {
        return refuse(c, failure('not_found', `no revision ${rev.value}`));
      }
      const latest = (await app.repos.revisions.latest(a.value.id))?.number ?? 0;
      const bylines = cmp.value.diff.fields
        .filter((f) => f.field === 'bylines')
        .flatMap((f) => [f.before, f.after])
        .flatMap((v) => (Array.isArray(v) ? v.map(Number) : []));
      return kit.page(
        c,
        <RevisionDiffPage
          frame={kit.frame(c)}
          article={a.value}
          revision={revision}
          comparison={cmp.value}
          against={against}
          latest={latest}
          names={await names([revision.editorId, ...bylines])}
        />,
      );
    },
    'POST /articles/:id/revisions/:rev/restore': async (c: C) => {
      const a = await article(c);
      if (!a.ok) return refuse(c, a.error);
      const rev = revisionNumber(c);
      if (!rev.ok) return refuse(c, rev.error);
      const expected = kit.field(c, 'expected');
      if (expected !== '' && !REV.test(expected)) {
        return refuse(c, failure('invalid_input', 'The form was damaged: reload the page.'));
      }
      const user = kit.user(c);
      const restored = await restoreRevision(app, {
        articleId: a.value.id,
        number: rev.value,
        editorId: user.id,
        ...(expected === '' ? {} : { expectedRevision: Number(expected) }),
      });
      if (!restored.ok) {
        return restored.error.code === 'conflict' || restored.error.code === 'invalid_input'
          ? showList(c, a.value, { error: restored.error.message }, statusFor(restored.error.code))
          : refuse(c, restored.error);
      }
      const made = restored.value.revision?.number;
      const params = new URLSearchParams({ restored: String(rev.value) });
      if (made !== undefined) params.set('as', String(made));
      return c.redirect(`/admin/articles/${a.value.id}/revisions?${params}`, 303);
    },
  };
}
