/**
 * The public content API's request and response shapes, as zod schemas: the same schemas
 * validate the query strings (public-api-app.ts) and generate the OpenAPI document (openapi.ts).
 */
import { z } from 'zod';

const id = z.string().regex(/^[1-9]\d{0,11}$/, 'a positive whole number');

export const listQuery = z
  .object({
    cursor: z
      .string()
      .max(80)
      .regex(/^[A-Za-z0-9_-]+$/, 'an opaque cursor from nextCursor')
      .optional()
      .meta({ description: 'The `nextCursor` of the previous page.' }),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'a number from 1 to 100')
      .refine((v) => Number(v) >= 1 && Number(v) <= 100, 'a number from 1 to 100')
      .optional()
      .meta({ description: 'Items per page, 1 to 100 (default 20).' }),
  })
  .strict();

export const termsQuery = z
  .object({ kind: z.enum(['category', 'tag']).optional().meta({ description: 'Only this kind.' }) })
  .strict();

export const noQuery = z.object({}).strict();

export const articleParams = z.object({
  ref: z
    .string()
    .max(200)
    .regex(/^(?:[1-9]\d{0,11}|[a-z0-9]+(?:-[a-z0-9]+)*)$/, 'an id or a slug')
    .meta({ description: 'The numeric id or the slug.' }),
});

export const personRef = z
  .object({ id: z.number().int(), name: z.string(), slug: z.string() })
  .meta({ id: 'PersonRef' });
export const termRef = z
  .object({ id: z.number().int(), name: z.string(), slug: z.string() })
  .meta({ id: 'TermRef' });

export const articleSummary = z
  .object({
    id: z.number().int(),
    kind: z.enum(['article', 'page']),
    slug: z.string(),
    url: z.string(),
    title: z.string(),
    standfirst: z.string(),
    excerpt: z.string(),
    publishedAt: z.string(),
    updatedAt: z.string(),
    authors: z.array(personRef),
    categories: z.array(termRef),
    tags: z.array(termRef),
  })
  .meta({ id: 'ArticleSummary' });

export const article = articleSummary
  .extend({ bodyHtml: z.string().meta({ description: 'Sanitised HTML, as the site shows it.' }) })
  .meta({ id: 'Article' });

export const articleList = z
  .object({ items: z.array(articleSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'ArticleList' });

export const authorList = z
  .object({
    items: z.array(personRef.extend({ bio: z.string(), url: z.string().nullable() })),
  })
  .meta({ id: 'AuthorList' });

export const termList = z
  .object({
    items: z.array(
      termRef.extend({
        kind: z.enum(['category', 'tag']),
        parentId: z.number().int().nullable(),
        description: z.string(),
      }),
    ),
  })
  .meta({ id: 'TermList' });

export const problem = z
  .object({ error: z.string(), error_description: z.string() })
  .meta({ id: 'Error' });

export { id as idPattern };
