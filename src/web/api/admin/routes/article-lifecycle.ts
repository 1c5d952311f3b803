/**
 * An article's lifecycle: publish, schedule, unpublish, the trash (delete, undelete) and public
 * correction notes, each on the use case the admin and the CLI call. If-Match is optional here:
 * sent, it must name the latest revision (412 otherwise).
 */
import { z } from 'zod';
import { articleFor, type ArticleVerb } from '../../../../app/articles/article-access.js';
import { correctArticle } from '../../../../app/articles/correct-article.js';
import { deleteArticle, undeleteArticle } from '../../../../app/articles/trash.js';
import {
  unpublishArticle,
  type LifecycleRequest,
} from '../../../../app/articles/unpublish-article.js';
import { updateArticle } from '../../../../app/articles/update-article.js';
import type { AppDeps } from '../../../../app/deps.js';
import type { Article } from '../../../../domain/article.js';
import { failure, type Failure } from '../../../../domain/failures.js';
import { err, ok, type Result } from '../../../../domain/result.js';
import { defineRoute, type ApiCaller } from '../route-table.js';
import { idParams, iso, isoDate } from '../schemas.js';
import { expectedRevision, staleAs412 } from './article-precondition.js';
import { adminArticle, articleAnswer, articleJson } from './article-view.js';

/** The article, when the caller may `verb` it and the If-Match (if any) names its revision. */
async function target(
  deps: AppDeps,
  caller: ApiCaller,
  id: number,
  verb: ArticleVerb,
  ifMatch: string | null,
): Promise<Result<{ article: Article; expected: number | undefined }, Failure>> {
  const found = await articleFor(deps, caller.user, { id, kind: 'article', verb });
  if (!found.ok) return found;
  const expected = await expectedRevision(deps, found.value.article, ifMatch);
  if (!expected.ok) return expected;
  return ok({ article: found.value.article, expected: expected.value });
}

const lifecycle = {
  scope: 'write',
  params: idParams,
  response: adminArticle,
  ifMatch: 'optional',
  etag: true,
} as const;

export const publishArticleRoute = defineRoute({
  ...lifecycle,
  method: 'post',
  path: '/articles/{id}/publish',
  operationId: 'publishArticle',
  summary: 'Publish a draft or scheduled article now',
  action: 'article.publish-own',
  refusals: ['not_found', 'gone', 'conflict'],
  async handle({ deps, caller, params, ifMatch }) {
    const t = await target(deps.app, caller, params.id, 'publish', ifMatch);
    if (!t.ok) return t;
    if (t.value.article.status === 'published') {
      return err(failure('conflict', `article ${params.id} is published already`));
    }
    const saved = await updateArticle(deps.app, {
      articleId: params.id,
      editorId: caller.user.id,
      changes: { publish: { kind: 'now' } },
      ...(t.value.expected === undefined ? {} : { expectedRevision: t.value.expected }),
    });
    return articleAnswer(deps.app, await staleAs412(deps.app, params.id, t.value.expected, saved));
  },
});

export const scheduleArticleRoute = defineRoute({
  ...lifecycle,
  method: 'post',
  path: '/articles/{id}/schedule',
  operationId: 'scheduleArticle',
  summary: 'Schedule a draft (or move a scheduled article) to go live at a future time',
  action: 'article.publish-own',
  body: { kind: 'json', schema: z.object({ at: isoDate }).strict().meta({ id: 'Schedule' }) },
  refusals: ['not_found', 'gone', 'conflict'],
  async handle({ deps, caller, params, body, ifMatch }) {
    const at = new Date(body.at);
    if (at.getTime() <= deps.app.clock().getTime()) {
      return err(failure('invalid_input', 'body.at: must be in the future (publish it instead)'));
    }
    const t = await target(deps.app, caller, params.id, 'publish', ifMatch);
    if (!t.ok) return t;
    const saved = await updateArticle(deps.app, {
      articleId: params.id,
      editorId: caller.user.id,
      changes: { publish: { kind: 'at', at } },
      ...(t.value.expected === undefined ? {} : { expectedRevision: t.value.expected }),
    });
    return articleAnswer(deps.app, await staleAs412(deps.app, params.id, t.value.expected, saved));
  },
});

/** A move between states (unpublish, delete, undelete) on its use case, as the caller. */
type StateChange = (deps: AppDeps, req: LifecycleRequest) => Promise<Result<Article, Failure>>;

/**
 * Unpublish, delete and undelete: the caller may `verb` the article and the If-Match (if any)
 * names its revision, then the use case runs and the article is answered as it now is.
 */
async function changeState(
  deps: AppDeps,
  caller: ApiCaller,
  id: number,
  verb: ArticleVerb,
  ifMatch: string | null,
  change: StateChange,
) {
  const t = await target(deps, caller, id, verb, ifMatch);
  if (!t.ok) return t;
  return articleAnswer(deps, await change(deps, { articleId: id, actorId: caller.user.id }));
}

export const unpublishArticleRoute = defineRoute({
  ...lifecycle,
  method: 'post',
  path: '/articles/{id}/unpublish',
  operationId: 'unpublishArticle',
  summary: 'Take a published or scheduled article back to draft (its URL answers 410)',
  action: 'article.publish-own',
  refusals: ['not_found', 'conflict'],
  handle: ({ deps, caller, params, ifMatch }) =>
    changeState(deps.app, caller, params.id, 'publish', ifMatch, unpublishArticle),
});

export const deleteArticleRoute = defineRoute({
  ...lifecycle,
  method: 'delete',
  path: '/articles/{id}',
  operationId: 'deleteArticle',
  summary: 'Put an article in the trash (restorable until it is purged)',
  action: 'article.delete-own',
  refusals: ['not_found', 'conflict'],
  handle: ({ deps, caller, params, ifMatch }) =>
    changeState(deps.app, caller, params.id, 'delete', ifMatch, deleteArticle),
});

export const undeleteArticleRoute = defineRoute({
  ...lifecycle,
  method: 'post',
  path: '/articles/{id}/undelete',
  operationId: 'undeleteArticle',
  summary: 'Bring an article back from the trash, in the state it was deleted in',
  action: 'article.delete-own',
  refusals: ['not_found', 'conflict'],
  handle: ({ deps, caller, params, ifMatch }) =>
    changeState(deps.app, caller, params.id, 'delete', ifMatch, undeleteArticle),
});

const correctionBody = z
  .object({
    kind: z.enum(['correction', 'update']).optional(),
    note: z.string().max(2000),
  })
  .strict()
  .meta({ id: 'CorrectionNote' });

export const correctArticleRoute = defineRoute({
  ...lifecycle,
  method: 'post',
  path: '/articles/{id}/corrections',
  operationId: 'correctArticle',
  summary: 'Add a dated public correction or update note to a published article',
  action: 'article.edit-own',
  body: { kind: 'json', schema: correctionBody },
  response: z
    .object({
      correction: z.object({
        id: z.number().int(),
        kind: z.enum(['correction', 'update']),
        note: z.string(),
        createdAt: z.string(),
      }),
      article: adminArticle,
    })
    .meta({ id: 'Corrected' }),
  status: 201,
  refusals: ['not_found', 'gone'],
  async handle({ deps, caller, params, body, ifMatch }) {
    const t = await target(deps.app, caller, params.id, 'edit', ifMatch);
    if (!t.ok) return t;
    const done = await staleAs412(
      deps.app,
      params.id,
      t.value.expected,
      await correctArticle(deps.app, {
        articleId: params.id,
        editorId: caller.user.id,
        note: body.note,
        ...(body.kind ? { kind: body.kind } : {}),
        ...(t.value.expected === undefined ? {} : { expectedRevision: t.value.expected }),
      }),
    );
    if (!done.ok) return done;
    const { correction, article } = done.value;
    const view = await articleJson(deps.app, article);
    return ok({
      status: 201 as const,
      etag: view.etag,
      body: {
        correction: {
          id: correction.id,
          kind: correction.kind,
          note: correction.note,
          createdAt: iso(correction.createdAt),
        },
        article: view.body,
      },
    });
  },
});
