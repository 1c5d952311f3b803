/** An article's revisions: listed, shown, compared and restored (app/articles/revisions.ts). */
import { z } from 'zod';
import { articleFor } from '../../../../app/articles/article-access.js';
import {
  diffRevisions,
  listRevisions,
  restoreRevision,
  showRevision,
} from '../../../../app/articles/revisions.js';
import type { ArticleSnapshot, Revision, SnapshotField } from '../../../../domain/revision.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute } from '../route-table.js';
import { idString, iso } from '../schemas.js';
import { expectedRevision, staleAs412 } from './article-precondition.js';
import { adminArticle, articleJson } from './article-view.js';

const revisionParams = z.object({
  id: idString.meta({ description: 'The article id.' }),
  number: idString.meta({ description: 'The revision number (1 is the first).' }),
});

const revisionSummary = z
  .object({
    number: z.number().int(),
    reason: z.enum(['create', 'edit', 'restore', 'correction', 'import']),
    editorId: z.number().int().nullable(),
    createdAt: z.string(),
    changed: z.array(z.string()),
  })
  .meta({ id: 'RevisionSummary' });

const snapshot = z
  .object({
    title: z.string(),
    slug: z.string(),
    standfirst: z.string(),
    bodySource: z.string(),
    excerpt: z.string(),
    categories: z.array(z.string()),
    tags: z.array(z.string()),
    bylines: z.array(z.number().int()),
    commentsOpen: z.boolean(),
    commentsCloseAt: z.string().nullable(),
    linkbacksOpen: z.boolean(),
    linkbacksCloseAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    unpublishAt: z.string().nullable(),
    trackbackTo: z.array(z.string()),
  })
  .meta({ id: 'ArticleSnapshot' });

const fieldValue = z.union([
  z.string(),
  z.boolean(),
  z.array(z.union([z.string(), z.number()])),
  z.null(),
]);

/** A snapshot field's value as JSON (its arrays copied out of their readonly types). */
const plain = (v: ArticleSnapshot[SnapshotField]): z.input<typeof fieldValue> =>
  typeof v === 'object' && v !== null ? [...(v as readonly (string | number)[])] : v;

const summaryOf = (r: Revision): z.input<typeof revisionSummary> => ({
  number: r.number,
  reason: r.reason,
  editorId: r.editorId,
  createdAt: iso(r.createdAt),
  changed: [...r.changed],
});

const read = { action: 'article.create', scope: 'read', method: 'get' } as const;

export const listRevisionsRoute = defineRoute({
  ...read,
  path: '/articles/{id}/revisions',
  operationId: 'listRevisions',
  summary: 'An article’s revisions, oldest (number 1) first',
  params: z.object({ id: idString }),
  response: z.object({ items: z.array(revisionSummary) }).meta({ id: 'RevisionList' }),
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'article',
      verb: 'read',
    });
    if (!found.ok) return found;
    const listed = await listRevisions(deps.app, params.id);
    if (!listed.ok) return listed;
    return ok({ body: { items: listed.value.revisions.map(summaryOf) } });
  },
});

export const getRevisionRoute = defineRoute({
  ...read,
  path: '/articles/{id}/revisions/{number}',
  operationId: 'getRevision',
  summary: 'One revision, with the article as it was saved',
  params: revisionParams,
  response: revisionSummary.extend({ snapshot }).meta({ id: 'Revision' }),
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'article',
      verb: 'read',
    });
    if (!found.ok) return found;
    const shown = await showRevision(deps.app, params.id, params.number);
    if (!shown.ok) return shown;
    const s = shown.value.snapshot;
    return ok({
      body: {
        ...summaryOf(shown.value),
        snapshot: {
          ...s,
          categories: [...s.categories],
          tags: [...s.tags],
          bylines: [...s.bylines],
          trackbackTo: [...s.trackbackTo],
        },
      },
    });
  },
});

export const diffRevisionRoute = defineRoute({
  ...read,
  path: '/articles/{id}/revisions/{number}/diff',
  operationId: 'diffRevision',
  summary: 'What a revision changed, or how it differs from another revision or the article now',
  params: revisionParams,
  query: z
    .object({
      against: z
        .string()
        .regex(/^(?:[1-9]\d{0,11}|current)$/, 'a revision number or current')
        .optional()
        .meta({ description: 'Omitted: against the revision before it.' }),
    })
    .strict(),
  response: z
    .object({
      from: z.number().int().nullable(),
      to: z.union([z.number().int(), z.literal('current')]),
      fields: z.array(z.object({ field: z.string(), before: fieldValue, after: fieldValue })),
      body: z.array(
        z.object({
          oldStart: z.number().int(),
          oldLines: z.number().int(),
          newStart: z.number().int(),
          newLines: z.number().int(),
          lines: z.array(z.string()),
        }),
      ),
      bodyReplaced: z.boolean(),
    })
    .meta({ id: 'RevisionDiff' }),
  refusals: ['not_found'],
  async handle({ deps, caller, params, query }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'article',
      verb: 'read',
    });
    if (!found.ok) return found;
    const against = query.against;
    const compared = await diffRevisions(deps.app, {
      articleId: params.id,
      from: params.number,
      ...(against === undefined ? {} : { to: against === 'current' ? 'current' : Number(against) }),
    });
    if (!compared.ok) return compared;
    const c = compared.value;
    // When `against` is omitted the comparison is (previous → this one); otherwise (this → against).
    return ok({
      body: {
        from: c.from?.number ?? null,
        to: c.to === 'current' ? ('current' as const) : c.to.number,
        fields: c.diff.fields.map((f) => ({
          field: f.field,
          before: plain(f.before),
          after: plain(f.after),
        })),
        body: c.diff.body.map((h) => ({ ...h, lines: [...h.lines] })),
        bodyReplaced: c.diff.bodyReplaced,
      },
    });
  },
});

export const restoreRevisionRoute = defineRoute({
  method: 'post',
  path: '/articles/{id}/revisions/{number}/restore',
  operationId: 'restoreRevision',
  summary: 'Bring an old revision back as a new one (the article’s state is kept)',
  action: 'article.edit-own',
  scope: 'write',
  params: revisionParams,
  response: adminArticle,
  ifMatch: 'optional',
  etag: true,
  refusals: ['not_found', 'gone', 'conflict'],
  async handle({ deps, caller, params, ifMatch }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'article',
      verb: 'edit',
    });
    if (!found.ok) return found;
    const expected = await expectedRevision(deps.app, found.value.article, ifMatch);
    if (!expected.ok) return expected;
    const restored = await staleAs412(
      deps.app,
      params.id,
      expected.value,
      await restoreRevision(deps.app, {
        articleId: params.id,
        number: params.number,
        editorId: caller.user.id,
        ...(expected.value === undefined ? {} : { expectedRevision: expected.value }),
      }),
    );
    if (!restored.ok) return restored;
    const view = await articleJson(deps.app, restored.value.article);
    return ok({ body: view.body, etag: view.etag });
  },
});
