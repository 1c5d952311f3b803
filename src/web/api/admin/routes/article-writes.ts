/** Creating and editing articles (POST, PATCH with If-Match), on create-article and update-article. */
import { z } from 'zod';
import { articleFor } from '../../../../app/articles/article-access.js';
import { createArticle } from '../../../../app/articles/create-article.js';
import { updateArticle, type ArticleChanges } from '../../../../app/articles/update-article.js';
import { authorize, authorizeOnArticle } from '../../../../app/auth/authorize.js';
import type { Author } from '../../../../domain/article.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute } from '../route-table.js';
import { idParams, isoDate } from '../schemas.js';
import { expectedRevision, staleAs412 } from './article-precondition.js';
import { adminArticle, articleJson } from './article-view.js';

const userId = z.number().int().positive();
const terms = (max: number, len: number) => z.array(z.string().max(len)).max(max);
const links = z.array(z.string().max(2000)).max(20);

export const publishChoice = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('draft') }).strict(),
    z.object({ kind: z.literal('now') }).strict(),
    z.object({ kind: z.literal('at'), at: isoDate }).strict(),
  ])
  .meta({ id: 'PublishChoice', description: 'Draft (default), publish now, or at a time.' });

export const createArticleBody = z
  .object({
    title: z.string().max(300),
    bodyMarkdown: z.string().max(2_000_000),
    standfirst: z.string().max(1000).optional(),
    excerpt: z.string().max(1000).optional(),
    slug: z.string().max(200).optional(),
    bylines: z.array(userId).min(1).max(20).optional().meta({
      description:
        'User ids in order (default: the caller). Others than yourself need article.edit-any.',
    }),
    categories: terms(50, 200).optional(),
    tags: terms(100, 100).optional(),
    publish: publishChoice.optional(),
    comments: z.boolean().optional(),
    linkbacks: z.boolean().optional(),
    unpublishAt: isoDate.optional(),
    trackbackTo: links.optional(),
    sendLinkbacks: z.boolean().optional(),
    featuredMediaId: userId.optional(),
  })
  .strict()
  .meta({ id: 'CreateArticle' });

export const articleChangesBody = z
  .object({
    title: z.string().max(300).optional(),
    slug: z.string().max(200).optional(),
    bodyMarkdown: z.string().max(2_000_000).optional(),
    standfirst: z.string().max(1000).optional(),
    excerpt: z.string().max(1000).optional(),
    categories: terms(50, 200).optional(),
    tags: terms(100, 100).optional(),
    bylines: z.array(userId).min(1).max(20).optional(),
    commentsOpen: z.boolean().optional(),
    commentsCloseAt: isoDate.nullable().optional(),
    linkbacksOpen: z.boolean().optional(),
    linkbacksCloseAt: isoDate.nullable().optional(),
    unpublishAt: isoDate.nullable().optional(),
    trackbackTo: links.optional(),
    sendLinkbacks: z.boolean().optional(),
    silent: z
      .boolean()
      .optional()
      .meta({ description: 'A typo fix: the public “Updated” date does not move.' }),
  })
  .strict()
  .meta({ id: 'ArticleChanges' });

const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

/** Bylines other than the caller alone are someone else's work: the "-any" right is needed. */
function bylinesAllowed(user: Author, bylines: readonly number[]) {
  return bylines.every((id) => id === user.id)
    ? ok(undefined)
    : authorize(user, 'article.edit-any');
}

export const createArticleRoute = defineRoute({
  method: 'post',
  path: '/articles',
  operationId: 'createArticle',
  summary: 'Write an article: a draft, published now, or scheduled',
  action: 'article.create',
  scope: 'write',
  body: { kind: 'json', schema: createArticleBody },
  response: adminArticle,
  status: 201,
  etag: true,
  refusals: ['conflict'],
  async handle({ deps, caller, body }) {
    const bylines = body.bylines ?? [caller.user.id];
    const own = bylinesAllowed(caller.user, bylines);
    if (!own.ok) return own;
    if (body.publish && body.publish.kind !== 'draft') {
      const may = authorizeOnArticle(caller.user, 'publish', bylines);
      if (!may.ok) return may;
    }
    const [authorId, ...coAuthorIds] = bylines;
    const created = await createArticle(deps.app, {
      kind: 'article',
      title: body.title,
      bodyMarkdown: body.bodyMarkdown,
      authorId: authorId ?? caller.user.id,
      coAuthorIds,
      publish:
        body.publish?.kind === 'at'
          ? { kind: 'at', at: date(body.publish.at) }
          : { kind: body.publish?.kind ?? 'draft' },
      ...(body.standfirst === undefined ? {} : { standfirst: body.standfirst }),
      ...(body.excerpt === undefined ? {} : { excerpt: body.excerpt }),
      ...(body.slug === undefined ? {} : { slug: body.slug }),
      ...(body.categories === undefined ? {} : { categories: body.categories }),
      ...(body.tags === undefined ? {} : { tags: body.tags }),
      ...(body.comments === undefined ? {} : { comments: body.comments }),
      ...(body.linkbacks === undefined ? {} : { linkbacks: body.linkbacks }),
      ...(body.unpublishAt === undefined ? {} : { unpublishAt: date(body.unpublishAt) }),
      ...(body.trackbackTo === undefined ? {} : { trackbackTo: body.trackbackTo }),
      ...(body.sendLinkbacks === undefined ? {} : { sendLinkbacks: body.sendLinkbacks }),
      ...(body.featuredMediaId === undefined ? {} : { featuredMediaId: body.featuredMediaId }),
    });
    if (!created.ok) return created;
    const view = await articleJson(deps.app, created.value.article);
    return ok({
      status: 201 as const,
      body: view.body,
      etag: view.etag,
      location: `/admin/api/articles/${created.value.article.id}`,
    });
  },
});

export const updateArticleRoute = defineRoute({
  method: 'patch',
  path: '/articles/{id}',
  operationId: 'updateArticle',
  summary: 'Edit an article: the fields given change, the others stay',
  description:
    'If-Match must carry the ETag of the version edited: 428 without it, 412 when the article was saved since. Editing a published or scheduled article also needs the right to publish it. Publishing and scheduling have routes of their own.',
  action: 'article.edit-own',
  scope: 'write',
  params: idParams,
  body: { kind: 'json', schema: articleChangesBody },
  response: adminArticle,
  ifMatch: 'required',
  etag: true,
  refusals: ['not_found', 'gone', 'conflict'],
  async handle({ deps, caller, params, body, ifMatch }) {
    const found = await articleFor(deps.app, caller.user, {
      id: params.id,
      kind: 'article',
      verb: 'edit',
    });
    if (!found.ok) return found;
    if (body.bylines) {
      const own = bylinesAllowed(caller.user, body.bylines);
      if (!own.ok) return own;
    }
    const expected = await expectedRevision(deps.app, found.value.article, ifMatch);
    if (!expected.ok) return expected;
    const { silent, commentsCloseAt, linkbacksCloseAt, unpublishAt, ...plain } = body;
    const changes: ArticleChanges = {
      ...plain,
      ...(commentsCloseAt === undefined ? {} : { commentsCloseAt: dateOrNull(commentsCloseAt) }),
      ...(linkbacksCloseAt === undefined ? {} : { linkbacksCloseAt: dateOrNull(linkbacksCloseAt) }),
      ...(unpublishAt === undefined ? {} : { unpublishAt: dateOrNull(unpublishAt) }),
    };
    const saved = await staleAs412(
      deps.app,
      params.id,
      expected.value,
      await updateArticle(deps.app, {
        articleId: params.id,
        editorId: caller.user.id,
        changes,
        silent: silent ?? false,
        ...(expected.value === undefined ? {} : { expectedRevision: expected.value }),
      }),
    );
    if (!saved.ok) return saved;
    const view = await articleJson(deps.app, saved.value.article);
    return ok({ body: view.body, etag: view.etag });
  },
});
