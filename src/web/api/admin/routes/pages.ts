/**
 * Pages (/about/, /contact/): listed, read, created, edited with If-Match, and trashed, on the
 * use cases of `newsdesk page`. Pages need the page permission; they never enter listings.
 */
import { z } from 'zod';
import { articleFor } from '../../../../app/articles/article-access.js';
import { createPage, listPages, updatePage } from '../../../../app/articles/pages.js';
import { deleteArticle } from '../../../../app/articles/trash.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { idParams } from '../schemas.js';
import { expectedRevision, staleAs412 } from './article-precondition.js';
import { adminArticle, articleAnswer, articleJson, summaryJson } from './article-view.js';

const listPagesRoute = defineRoute({
  method: 'get',
  path: '/pages',
  operationId: 'listPages',
  summary: 'Every page not in the trash, most recently changed first',
  action: 'page.manage',
  scope: 'read',
  response: z.object({
    items: z.array(
      adminArticle.pick({
        id: true,
        slug: true,
        url: true,
        title: true,
        status: true,
        updatedAt: true,
      }),
    ),
  }),
  async handle({ deps }) {
    const pages = await listPages(deps.app);
    return ok({
      body: {
        items: pages.map(({ article }) => {
          const s = summaryJson(deps.app, article, [article.authorId]);
          return {
            id: s.id,
            slug: s.slug,
            url: s.url,
            title: s.title,
            status: s.status,
            updatedAt: s.updatedAt,
          };
        }),
      },
    });
  },
});

const getPageRoute = defineRoute({
  method: 'get',
  path: '/pages/{id}',
  operationId: 'getPage',
  summary: 'One page, with its body and revision',
  action: 'page.manage',
  scope: 'read',
  params: idParams,
  response: adminArticle,
  etag: true,
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'page',
      verb: 'read',
    });
    if (!found.ok) return found;
    const view = await articleJson(deps.app, found.value.article);
    return ok({ body: view.body, etag: view.etag });
  },
});

const createPageRoute = defineRoute({
  method: 'post',
  path: '/pages',
  operationId: 'createPage',
  summary: 'A new page at /slug/ (reserved paths refused), a draft unless published',
  action: 'page.manage',
  scope: 'write',
  body: {
    kind: 'json',
    schema: z
      .object({
        title: z.string().max(300),
        bodyMarkdown: z.string().max(2_000_000),
        slug: z.string().max(200).optional(),
        publish: z.boolean().optional(),
        comments: z.boolean().optional(),
        linkbacks: z.boolean().optional(),
      })
      .strict(),
  },
  response: adminArticle,
  status: 201,
  etag: true,
  refusals: ['conflict'],
  async handle({ deps, caller, body }) {
    const made = await createPage(deps.app, {
      title: body.title,
      bodyMarkdown: body.bodyMarkdown,
      authorId: caller.user.id,
      publish: body.publish ?? false,
      ...(body.slug === undefined ? {} : { slug: body.slug }),
      ...(body.comments === undefined ? {} : { comments: body.comments }),
      ...(body.linkbacks === undefined ? {} : { linkbacks: body.linkbacks }),
    });
    const r = await articleAnswer(deps.app, made);
    if (!r.ok) return r;
    return ok({
      ...r.value,
      status: 201 as const,
      location: `/admin/api/pages/${r.value.body.id}`,
    });
  },
});

const updatePageRoute = defineRoute({
  method: 'patch',
  path: '/pages/{id}',
  operationId: 'updatePage',
  summary: 'Changes a page’s title, body or slug (the old path answers 301)',
  action: 'page.manage',
  scope: 'write',
  params: idParams,
  body: {
    kind: 'json',
    schema: z
      .object({
        title: z.string().max(300).optional(),
        bodyMarkdown: z.string().max(2_000_000).optional(),
        slug: z.string().max(200).optional(),
      })
      .strict(),
  },
  response: adminArticle,
  ifMatch: 'required',
  etag: true,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, caller, params, body, ifMatch }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'page',
      verb: 'edit',
    });
    if (!found.ok) return found;
    const expected = await expectedRevision(deps.app, found.value.article, ifMatch);
    if (!expected.ok) return expected;
    const saved = await updatePage(deps.app, {
      articleId: params.id,
      editorId: caller.user.id,
      ...body,
      ...(expected.value === undefined ? {} : { expectedRevision: expected.value }),
    });
    return articleAnswer(deps.app, await staleAs412(deps.app, params.id, expected.value, saved));
  },
});

const deletePageRoute = defineRoute({
  method: 'delete',
  path: '/pages/{id}',
  operationId: 'deletePage',
  summary: 'Puts a page in the trash (its URL answers 410 until it is restored)',
  action: 'page.manage',
  scope: 'write',
  params: idParams,
  response: adminArticle,
  ifMatch: 'optional',
  etag: true,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, caller, params, ifMatch }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'page',
      verb: 'delete',
    });
    if (!found.ok) return found;
    const expected = await expectedRevision(deps.app, found.value.article, ifMatch);
    if (!expected.ok) return expected;
    return articleAnswer(
      deps.app,
      await deleteArticle(deps.app, { articleId: params.id, actorId: caller.user.id }),
    );
  },
});

export const PAGE_ROUTES: ApiRouteGroup = {
  name: 'pages',
  description: 'Standalone pages at /slug/.',
  routes: [listPagesRoute, getPageRoute, createPageRoute, updatePageRoute, deletePageRoute],
};
