/** Categories and tags, on the use cases of /admin/terms and `newsdesk term`. */
import { z } from 'zod';
import {
  createTerm,
  deleteTerm,
  listTerms,
  updateTerm,
} from '../../../../app/terms/manage-terms.js';
import type { Term } from '../../../../domain/article.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { idParams } from '../schemas.js';

const termKind = z.enum(['category', 'tag']);

export const adminTerm = z
  .object({
    id: z.number().int(),
    kind: termKind,
    name: z.string(),
    slug: z.string(),
    parentId: z.number().int().nullable(),
    description: z.string(),
  })
  .meta({ id: 'AdminTerm' });

const termJson = (t: Term): z.input<typeof adminTerm> => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  slug: t.slug,
  parentId: t.parentId,
  description: t.description,
});

const termFields = {
  name: z.string().max(200),
  slug: z.string().max(200),
  parentId: z.number().int().positive().nullable(),
  description: z.string().max(2000),
};

const listTermsRoute = defineRoute({
  method: 'get',
  path: '/terms',
  operationId: 'listTerms',
  summary: 'Every category or tag, by name, with how many articles use it',
  action: 'terms.manage',
  scope: 'read',
  query: z.object({ kind: termKind.meta({ description: '`category` or `tag`.' }) }).strict(),
  response: z.object({
    items: z.array(adminTerm.extend({ articleCount: z.number().int() })),
  }),
  async handle({ deps, query }) {
    const terms = await listTerms(deps.app, query.kind);
    return ok({
      body: { items: terms.map((t) => ({ ...termJson(t), articleCount: t.articleCount })) },
    });
  },
});

const createTermRoute = defineRoute({
  method: 'post',
  path: '/terms',
  operationId: 'createTerm',
  summary: 'A new category or tag (the slug comes from the name unless given)',
  action: 'terms.manage',
  scope: 'write',
  body: {
    kind: 'json',
    schema: z
      .object({
        kind: termKind,
        name: termFields.name,
        slug: termFields.slug.optional(),
        parentId: termFields.parentId.optional(),
        description: termFields.description.optional(),
      })
      .strict(),
  },
  response: adminTerm,
  status: 201,
  refusals: ['conflict', 'not_found'],
  async handle({ deps, caller, body }) {
    const r = await createTerm(deps.app, caller.user, body);
    if (!r.ok) return r;
    return ok({ status: 201, body: termJson(r.value), location: `/admin/api/terms/${r.value.id}` });
  },
});

const updateTermRoute = defineRoute({
  method: 'patch',
  path: '/terms/{id}',
  operationId: 'updateTerm',
  summary: 'Renames, re-slugs, re-parents or re-describes a term (a slug change answers 301)',
  action: 'terms.manage',
  scope: 'write',
  params: idParams,
  body: {
    kind: 'json',
    schema: z
      .object({
        name: termFields.name.optional(),
        slug: termFields.slug.optional(),
        parentId: termFields.parentId.optional(),
        description: termFields.description.optional(),
      })
      .strict(),
  },
  response: adminTerm,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, caller, params, body }) {
    const r = await updateTerm(deps.app, caller.user, params.id, body);
    return r.ok ? ok({ body: termJson(r.value) }) : r;
  },
});

const deleteTermRoute = defineRoute({
  method: 'delete',
  path: '/terms/{id}',
  operationId: 'deleteTerm',
  summary: 'Deletes a term; its articles keep their other terms',
  action: 'terms.manage',
  scope: 'write',
  params: idParams,
  response: adminTerm,
  refusals: ['not_found', 'conflict'],
  async handle({ deps, caller, params }) {
    const r = await deleteTerm(deps.app, caller.user, params.id);
    return r.ok ? ok({ body: termJson(r.value) }) : r;
  },
});

export const TERM_ROUTES: ApiRouteGroup = {
  name: 'terms',
  description: 'Categories (hierarchical) and tags.',
  routes: [listTermsRoute, createTermRoute, updateTermRoute, deleteTermRoute],
};
