/** The admin's view of an article or page (drafts and trash included), as JSON and as schema. */
import { z } from 'zod';
import { articleDetails } from '../../../../app/articles/show-article.js';
import type { AppDeps } from '../../../../app/deps.js';
import type { Article, Author, Term } from '../../../../domain/article.js';
import type { Failure } from '../../../../domain/failures.js';
import { ok, type Result } from '../../../../domain/result.js';
import { articleUrl } from '../../../../app/articles/create-article.js';
import { articleEtag } from '../etag.js';
import { iso, isoOrNull } from '../schemas.js';

const personRef = z
  .object({ id: z.number().int(), name: z.string(), slug: z.string() })
  .meta({ id: 'AdminPersonRef' });
const termRef = z
  .object({ id: z.number().int(), name: z.string(), slug: z.string() })
  .meta({ id: 'AdminTermRef' });
const discussionSwitch = z.object({ open: z.boolean(), closesAt: z.string().nullable() });

export const adminArticleSummary = z
  .object({
    id: z.number().int(),
    kind: z.enum(['article', 'page']),
    slug: z.string(),
    url: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'scheduled', 'published']),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    unpublishAt: z.string().nullable(),
    authorIds: z.array(z.number().int()).meta({ description: 'The bylines, in order.' }),
  })
  .meta({ id: 'AdminArticleSummary' });

export const adminArticle = adminArticleSummary
  .extend({
    standfirst: z.string(),
    excerpt: z.string(),
    bodyMarkdown: z.string(),
    bodyHtml: z.string(),
    bylines: z.array(personRef),
    categories: z.array(termRef),
    tags: z.array(termRef),
    comments: discussionSwitch,
    linkbacks: discussionSwitch,
    trackbackTo: z.array(z.string()),
    sendLinkbacks: z.boolean(),
    featuredMediaId: z.number().int().nullable(),
    corrections: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(['correction', 'update']),
        note: z.string(),
        createdAt: z.string(),
      }),
    ),
    revision: z.number().int().meta({ description: 'The latest revision; the ETag names it.' }),
  })
  .meta({ id: 'AdminArticle' });

export const adminArticleList = z
  .object({ items: z.array(adminArticleSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'AdminArticleList' });

export type AdminArticleJson = z.input<typeof adminArticle>;

const ref = (x: Pick<Author | Term, 'id' | 'name' | 'slug'>) => ({
  id: x.id,
  name: x.name,
  slug: x.slug,
});

export function summaryJson(
  deps: Pick<AppDeps, 'siteUrl' | 'timezone'>,
  a: Article,
  bylines: readonly number[],
): z.input<typeof adminArticleSummary> {
  return {
    id: a.id,
    kind: a.kind,
    slug: a.slug,
    url: articleUrl(deps, a),
    title: a.title,
    status: a.status,
    publishedAt: isoOrNull(a.publishedAt),
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    deletedAt: isoOrNull(a.deletedAt),
    withdrawnAt: isoOrNull(a.withdrawnAt),
    unpublishAt: isoOrNull(a.unpublishAt),
    authorIds: [...bylines],
  };
}

/** The article's whole view and its revision-derived ETag. */
export async function articleJson(
  deps: Pick<AppDeps, 'repos' | 'siteUrl' | 'timezone'>,
  a: Article,
): Promise<{ body: AdminArticleJson; etag: string }> {
  const d = await articleDetails(deps, a);
  return {
    etag: articleEtag(a.id, d.revision),
    body: {
      ...summaryJson(
        deps,
        a,
        d.bylines.map((u) => u.id),
      ),
      standfirst: a.standfirst,
      excerpt: a.excerpt,
      bodyMarkdown: a.bodySource,
      bodyHtml: a.bodyHtml,
      bylines: d.bylines.map(ref),
      categories: d.categories.map(ref),
      tags: d.tags.map(ref),
      comments: { open: a.comments.open, closesAt: isoOrNull(a.comments.closesAt) },
      linkbacks: { open: a.linkbacks.open, closesAt: isoOrNull(a.linkbacks.closesAt) },
      trackbackTo: [...a.trackbackTo],
      sendLinkbacks: a.linkbacksSend,
      featuredMediaId: a.featuredMediaId ?? null,
      corrections: d.corrections.map((c) => ({
        id: c.id,
        kind: c.kind,
        note: c.note,
        createdAt: iso(c.createdAt),
      })),
      revision: d.revision,
    },
  };
}

/**
 * A write's answer: the article as stored now (read again, so a save's side effects show) with
 * its ETag, or the use case's failure as it is.
 */
export async function articleAnswer(
  deps: Pick<AppDeps, 'repos' | 'siteUrl' | 'timezone'>,
  done: Result<{ article: Article } | Article, Failure>,
): Promise<Result<{ body: AdminArticleJson; etag: string }, Failure>> {
  if (!done.ok) return done;
  const article = 'article' in done.value ? done.value.article : done.value;
  const fresh = (await deps.repos.articles.findById(article.id)) ?? article;
  const view = await articleJson(deps, fresh);
  return ok({ body: view.body, etag: view.etag });
}
