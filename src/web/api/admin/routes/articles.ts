/** Articles: the whole editorial lifecycle, on the use cases the admin and the CLI call. */
import { z } from 'zod';
import { articleFor } from '../../../../app/articles/article-access.js';
import { browseArticles } from '../../../../app/admin-content/browse.js';
import { failure } from '../../../../domain/failures.js';
import { err, ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { cursorQuery, decodeCursor, DEFAULT_PAGE, idParams, idString, pageOf } from '../schemas.js';
import { adminArticle, adminArticleList, articleJson, summaryJson } from './article-view.js';
import {
  correctArticleRoute,
  deleteArticleRoute,
  publishArticleRoute,
  scheduleArticleRoute,
  undeleteArticleRoute,
  unpublishArticleRoute,
} from './article-lifecycle.js';
import {
  diffRevisionRoute,
  getRevisionRoute,
  listRevisionsRoute,
  restoreRevisionRoute,
} from './article-revisions.js';
import { createArticleRoute, updateArticleRoute } from './article-writes.js';

const listQuery = z
  .object({
    ...cursorQuery,
    status: z
      .enum(['draft', 'scheduled', 'published', 'trashed'])
      .optional()
      .meta({ description: '`trashed`: only what is in the trash (otherwise it is left out).' }),
    author: idString.optional().meta({ description: 'A byline holder’s user id.' }),
    q: z.string().trim().min(1).max(200).optional().meta({ description: 'Words in the title.' }),
  })
  .strict();

export const listArticles = defineRoute({
  method: 'get',
  path: '/articles',
  operationId: 'listArticles',
  summary: 'Every article, newest first, drafts and scheduled included',
  action: 'article.create',
  scope: 'read',
  query: listQuery,
  response: adminArticleList,
  async handle({ deps, query }) {
    const beforeId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (beforeId === null) return err(failure('invalid_input', 'query.cursor: not a cursor'));
    const limit = query.limit ?? DEFAULT_PAGE;
    const { rows, bylines } = await browseArticles(
      { repos: deps.app.repos, content: deps.content },
      {
        kind: 'article',
        limit,
        ...(query.status === 'trashed'
          ? { trashed: true }
          : query.status
            ? { status: query.status }
            : {}),
        ...(query.author === undefined ? {} : { authorId: query.author }),
        ...(query.q === undefined ? {} : { text: query.q }),
        ...(beforeId === undefined ? {} : { beforeId }),
      },
    );
    return ok({
      body: pageOf(rows, limit, (a) => summaryJson(deps.app, a, bylines.get(a.id) ?? [a.authorId])),
    });
  },
});

export const getArticle = defineRoute({
  method: 'get',
  path: '/articles/{id}',
  operationId: 'getArticle',
  summary: 'One article, with its body, bylines, terms, corrections and revision',
  action: 'article.create',
  scope: 'read',
  params: idParams,
  response: adminArticle,
  etag: true,
  refusals: ['not_found'],
  async handle({ deps, caller, params }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'article',
      verb: 'read',
    });
    if (!found.ok) return found;
    const view = await articleJson(deps.app, found.value.article);
    return ok({ body: view.body, etag: view.etag });
  },
});

export const ARTICLE_ROUTES: ApiRouteGroup = {
  name: 'articles',
  description:
    'Articles: list, read, create, edit, publish, schedule, unpublish, trash, correct, revisions.',
  routes: [
    listArticles,
    getArticle,
    createArticleRoute,
    updateArticleRoute,
    publishArticleRoute,
    scheduleArticleRoute,
    unpublishArticleRoute,
    deleteArticleRoute,
    undeleteArticleRoute,
    correctArticleRoute,
    listRevisionsRoute,
    getRevisionRoute,
    diffRevisionRoute,
    restoreRevisionRoute,
  ],
};
