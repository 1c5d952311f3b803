/** The OpenAPI 3.1 document of the public content API, generated from its zod schemas. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import {
  article,
  articleList,
  articleParams,
  authorList,
  listQuery,
  noQuery,
  problem,
  termList,
  termsQuery,
} from './schemas.js';

export interface PublicRoute {
  readonly path: string;
  /** The OpenAPI form of the path (`{ref}` for `:ref`). */
  readonly openapiPath: string;
  readonly summary: string;
  readonly query: ZodType;
  readonly response: ZodType;
  readonly params?: typeof articleParams;
}

/** Every route of the API, once: the app mounts these and the document lists these. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  {
    path: '/articles',
    openapiPath: '/api/articles',
    summary: 'Published articles, newest first',
    query: listQuery,
    response: articleList,
  },
  {
    path: '/articles/:ref',
    openapiPath: '/api/articles/{ref}',
    summary: 'One published article, by id or slug',
    query: noQuery,
    response: article,
    params: articleParams,
  },
  {
    path: '/pages',
    openapiPath: '/api/pages',
    summary: 'Published pages, newest first',
    query: listQuery,
    response: articleList,
  },
  {
    path: '/pages/:ref',
    openapiPath: '/api/pages/{ref}',
    summary: 'One published page, by id or slug',
    query: noQuery,
    response: article,
    params: articleParams,
  },
  {
    path: '/authors',
    openapiPath: '/api/authors',
    summary: 'Everyone with a byline on published content',
    query: noQuery,
    response: authorList,
  },
  {
    path: '/terms',
    openapiPath: '/api/terms',
    summary: 'Categories and tags',
    query: termsQuery,
    response: termList,
  },
];

export function publicOpenApiDocument(siteUrl: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  for (const r of PUBLIC_ROUTES) {
    const errorBody = { 'application/json': { schema: problem } };
    registry.registerPath({
      method: 'get',
      path: r.openapiPath,
      summary: r.summary,
      request: {
        query: r.query as typeof listQuery,
        ...(r.params ? { params: r.params } : {}),
      },
      responses: {
        200: {
          description: 'OK. Carries an ETag; a matching If-None-Match answers 304.',
          content: { 'application/json': { schema: r.response } },
        },
        304: { description: 'Not modified' },
        400: { description: 'A query parameter is malformed', content: errorBody },
        ...(r.params ? { 404: { description: 'No such published item', content: errorBody } } : {}),
      },
    });
  }
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Newsdesk public content API',
      version: '1',
      description: 'Read-only, no credentials: what the site shows, as JSON.',
    },
    servers: [{ url: siteUrl }],
  }) as unknown as Record<string, unknown>;
}
