/**
 * The discussion under every article, comments, linkbacks and fediverse replies alike: the one
 * moderation queue of /admin/moderation and `newsdesk discussion`, on the same use cases.
 */
import { z } from 'zod';
import {
  findDiscussionItem,
  itemExcerpt,
  listDiscussionItems,
} from '../../../../app/moderation/list-items.js';
import { awaitingVerification, moderateItem } from '../../../../app/moderation/moderate-item.js';
import { MODERATE_MANY_MAX, moderateMany } from '../../../../app/moderation/moderate-many.js';
import { editStaffReply } from '../../../../app/moderation/edit-staff-reply.js';
import { MODERATION_STATUSES, type DiscussionItem } from '../../../../domain/discussion-item.js';
import { failure } from '../../../../domain/failures.js';
import { err, ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import {
  cursorQuery,
  decodeCursor,
  DEFAULT_PAGE,
  idParams,
  idString,
  iso,
  isoOrNull,
  pageOf,
} from '../schemas.js';

const kinds = z.enum(['comment', 'linkback', 'fediverse']);
const statuses = z.enum([...MODERATION_STATUSES, 'deleted']);
const target = z.enum(MODERATION_STATUSES);

export const adminDiscussionItem = z
  .object({
    id: z.number().int(),
    articleId: z.number().int(),
    kind: kinds,
    type: z.string().meta({ description: 'comment, reply, like, mention, pingback, trackback, …' }),
    protocol: z.enum(['webmention', 'pingback', 'trackback']).nullable(),
    status: statuses,
    verification: z.enum(['not-required', 'pending', 'verified', 'rejected']),
    awaitingVerification: z
      .enum(['pending', 'rejected'])
      .nullable()
      .meta({ description: 'Set when approved but still hidden until its source verifies.' }),
    parentId: z.number().int().nullable(),
    authorName: z.string(),
    authorUrl: z.string().nullable(),
    authorEmail: z.string().nullable(),
    authorIp: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    title: z.string().nullable(),
    excerpt: z.string(),
    contentHtml: z.string().meta({ description: 'Sanitised HTML, as shown under the article.' }),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'AdminDiscussionItem' });

const itemJson = (i: DiscussionItem): z.input<typeof adminDiscussionItem> => ({
  id: i.id,
  articleId: i.articleId,
  kind: i.kind,
  type: i.type,
  protocol: i.protocol,
  status: i.status,
  verification: i.verification,
  awaitingVerification: awaitingVerification(i),
  parentId: i.parentId,
  authorName: i.authorName,
  authorUrl: i.authorUrl,
  authorEmail: i.authorEmail,
  authorIp: i.authorIp,
  sourceUrl: i.sourceUrl,
  title: i.title,
  excerpt: itemExcerpt(i),
  contentHtml: String(i.contentHtml),
  createdAt: iso(i.createdAt),
  publishedAt: isoOrNull(i.publishedAt),
});

const moderation = z
  .object({
    status: target.meta({ description: 'Where the item goes.' }),
    reason: z.string().max(500).optional(),
  })
  .strict();

const listDiscussion = defineRoute({
  method: 'get',
  path: '/discussion',
  operationId: 'listDiscussion',
  summary: 'The moderation queue: every kind of item, newest first, filtered',
  action: 'discussion.moderate',
  scope: 'moderate',
  query: z
    .object({
      ...cursorQuery,
      status: statuses.optional(),
      kind: kinds.optional(),
      article: idString.optional().meta({ description: 'Only the items of this article.' }),
    })
    .strict(),
  response: z
    .object({ items: z.array(adminDiscussionItem), nextCursor: z.string().nullable() })
    .meta({ id: 'AdminDiscussionPage' }),
  async handle({ deps, query }) {
    const beforeId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (beforeId === null) return err(failure('invalid_input', 'query.cursor: not a cursor'));
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await listDiscussionItems(deps.app, {
      limit: limit + 1,
      orderById: true,
      ...(beforeId === undefined ? {} : { beforeId }),
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.article === undefined ? {} : { articleId: query.article }),
    });
    return ok({ body: pageOf(rows, limit, itemJson) });
  },
});

const getDiscussionItem = defineRoute({
  method: 'get',
  path: '/discussion/{id}',
  operationId: 'getDiscussionItem',
  summary: 'One discussion item, whatever its status',
  action: 'discussion.moderate',
  scope: 'moderate',
  params: idParams,
  response: adminDiscussionItem,
  refusals: ['not_found'],
  async handle({ deps, params }) {
    const item = await findDiscussionItem(deps.app, params.id);
    if (!item) return err(failure('not_found', `no discussion item with id ${params.id}`));
    return ok({ body: itemJson(item) });
  },
});

const moderateOne = defineRoute({
  method: 'post',
  path: '/discussion/{id}/moderation',
  operationId: 'moderateDiscussionItem',
  summary: 'Moves one item to pending, approved, spam or trash (recorded with who and why)',
  action: 'discussion.moderate',
  scope: 'moderate',
  params: idParams,
  body: { kind: 'json', schema: moderation },
  response: z.object({
    item: adminDiscussionItem,
    from: statuses,
    changed: z.boolean().meta({ description: 'False when the item already had the status.' }),
  }),
  refusals: ['not_found', 'gone'],
  async handle({ deps, caller, params, body, ip }) {
    const r = await moderateItem(deps.app, {
      itemId: params.id,
      to: body.status,
      actor: `user:${caller.user.id}`,
      actorUser: caller.user,
      reason: body.reason ?? null,
      ip,
    });
    if (!r.ok) return r;
    return ok({
      body: { item: itemJson(r.value.item), from: r.value.from, changed: r.value.changed },
    });
  },
});

const moderateBulk = defineRoute({
  method: 'post',
  path: '/discussion/moderation',
  operationId: 'moderateDiscussionItems',
  summary: `Moves up to ${MODERATE_MANY_MAX} items at once; each succeeds or fails on its own`,
  action: 'discussion.moderate',
  scope: 'moderate',
  body: {
    kind: 'json',
    schema: moderation.extend({
      ids: z.array(z.number().int().positive()).min(1).max(MODERATE_MANY_MAX),
    }),
  },
  response: z.object({
    results: z.array(
      z.object({
        id: z.number().int(),
        ok: z.boolean(),
        changed: z.boolean().optional(),
        status: statuses.optional(),
        error: z.string().optional(),
        error_description: z.string().optional(),
      }),
    ),
  }),
  async handle({ deps, caller, body, ip }) {
    const r = await moderateMany(deps.app, {
      itemIds: body.ids,
      to: body.status,
      actorUser: caller.user,
      reason: body.reason ?? null,
      ip,
    });
    if (!r.ok) return r;
    return ok({
      body: {
        results: r.value.map((s) =>
          s.ok
            ? { id: s.id, ok: true, changed: s.outcome.changed, status: s.outcome.item.status }
            : { id: s.id, ok: false, error: s.code, error_description: s.message },
        ),
      },
    });
  },
});

const editAnswer = defineRoute({
  method: 'put',
  path: '/discussion/{id}/text',
  operationId: 'editStaffAnswer',
  summary: 'Replaces the text of a staff answer (one sent to the fediverse follows as an Update)',
  action: 'discussion.moderate',
  scope: 'moderate',
  params: idParams,
  body: {
    kind: 'json',
    schema: z
      .object({ text: z.string().max(100_000).meta({ description: 'Markdown, as typed.' }) })
      .strict(),
  },
  response: adminDiscussionItem,
  refusals: ['not_found', 'forbidden'],
  async handle({ deps, caller, params, body, ip }) {
    const r = await editStaffReply(deps.app, {
      userId: caller.user.id,
      itemId: params.id,
      text: body.text,
      ip,
    });
    if (!r.ok) return r;
    return ok({ body: itemJson(r.value) });
  },
});

export const DISCUSSION_ROUTES: ApiRouteGroup = {
  name: 'discussion',
  description: 'Comments, linkbacks and fediverse replies: the moderation queue.',
  routes: [listDiscussion, getDiscussionItem, moderateOne, moderateBulk, editAnswer],
};
