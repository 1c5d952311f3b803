import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { pagePath, permalinkPath } from '../../domain/permalink.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { attachArticleMedia, resolveArticleMedia } from '../media/article-media.js';
import { loadSiteSettings } from '../site-settings.js';
import { termIdsFor } from './article-terms.js';
import { makeExcerpt } from './excerpt.js';
import { uniqueSlug } from './slugs.js';
import { snapshotOf } from './snapshot.js';

export const PUBLISH_TASK = 'publish-article';

const publishSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('draft') }),
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('at'), at: z.date() }),
]);

export const createArticleInput = z.object({
  kind: z.enum(['article', 'page']).default('article'),
  title: z.string().trim().min(1, 'a title is required').max(300),
  bodyMarkdown: z.string().max(2_000_000, 'the body is larger than 2 MB'),
  standfirst: z.string().trim().max(1000).default(''),
  /** The first byline. */
  authorId: z.number().int().positive(),
  /** Further bylines, in order after the first. */
  coAuthorIds: z.array(z.number().int().positive()).max(20).default([]),
  categories: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  publish: publishSchema,
  /** Comments and linkbacks: the site default for articles; pages default to closed. */
  comments: z.boolean().optional(),
  linkbacks: z.boolean().optional(),
  excerpt: z.string().trim().max(1000).optional(),
  slug: z.string().trim().max(200).optional(),
  trackbackTo: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(20)
    .default([]),
  /** When the article comes down by itself; must be after its publication. */
  unpublishAt: z.date().optional(),
  /** False: never notify the pages the article links to. */
  sendLinkbacks: z.boolean().default(true),
  /** Publication date to keep (imports and demo content); defaults to now. */
  publishedAt: z.date().optional(),
  /** A media library id: the article's featured image (app/media). */
  featuredMediaId: z.number().int().positive().optional(),
});
export type CreateArticleInput = z.input<typeof createArticleInput>;

export interface CreatedArticle {
  readonly article: Article;
  readonly url: string;
}

export { makeExcerpt } from './excerpt.js';

/** The public URL: `/YYYY/MM/slug/` for an article, `/slug/` for a page. */
export function articleUrl(deps: Pick<AppDeps, 'siteUrl' | 'timezone'>, a: Article): string {
  return `${deps.siteUrl}${articlePath(deps, a)}`;
}

export function articlePath(
  deps: Pick<AppDeps, 'timezone'>,
  a: Pick<Article, 'kind' | 'slug' | 'publishedAt' | 'createdAt'>,
): string {
  return a.kind === 'page'
    ? pagePath(a.slug)
    : permalinkPath(a.slug, a.publishedAt ?? a.createdAt, deps.timezone);
}

/** The first validation issue as one line: `field: message`. */
export function inputFailure(error: z.ZodError): Failure {
  const issue = error.issues[0];
  return failure('invalid_input', `${issue?.path.join('.') || 'input'}: ${issue?.message}`);
}

export async function createArticle(
  deps: AppDeps,
  raw: CreateArticleInput,
): Promise<Result<CreatedArticle, Failure>> {
  const parsed = createArticleInput.safeParse(raw);
  if (!parsed.success) return err(inputFailure(parsed.error));
  const input = parsed.data;
  const bylineIds = [...new Set([input.authorId, ...input.coAuthorIds])];
  const bylines = await deps.repos.users.findByIds(bylineIds);
  const missing = bylineIds.find((id) => !bylines.some((u) => u.id === id));
  if (missing !== undefined) return err(failure('invalid_input', `no user with id ${missing}`));
  const settings = await loadSiteSettings(deps.repos.settings);
  const now = deps.clock();
  // Imported and demo articles keep their own dates; everything else is stamped now.
  const stamp = input.publishedAt ?? now;
  // Library images (featured, and `![alt](media:ID)` in the body): known, and with alt text
  // when the article is to be public.
  const media = await resolveArticleMedia(
    deps.repos,
    input.bodyMarkdown,
    input.featuredMediaId,
    input.publish.kind !== 'draft',
  );
  if (!media.ok) return media;
  const bodyHtml = deps.markup.article(input.bodyMarkdown, {
    media: media.value.pictures,
    eagerFirstImage: !media.value.featured,
  });
  const scheduled = input.publish.kind === 'at' && input.publish.at.getTime() > now.getTime();
  const status = input.publish.kind === 'draft' ? 'draft' : scheduled ? 'scheduled' : 'published';
  const publishedAt =
    input.publish.kind === 'draft'
      ? null
      : input.publish.kind === 'at'
        ? input.publish.at
        : (input.publishedAt ?? now);
  if (input.unpublishAt && input.unpublishAt.getTime() <= (publishedAt ?? now).getTime()) {
    return err(failure('invalid_input', 'unpublishAt: must be after the publication time'));
  }
  const isPage = input.kind === 'page';

  const article = await deps.uow.run(async ({ repos, enqueue, emit }) => {
    const slug = await uniqueSlug(repos, input.slug || input.title, input.kind);
    const created = await repos.articles.insert(
      {
        kind: input.kind,
        slug,
        title: input.title,
        standfirst: input.standfirst,
        bodySource: input.bodyMarkdown,
        bodyHtml,
        excerpt: input.excerpt || makeExcerpt(bodyHtml),
        status,
        publishedAt,
        authorId: input.authorId,
        commentsOpen: input.comments ?? (!isPage && settings.discussion.commentsOpenByDefault),
        commentsCloseAt: null,
        linkbacksOpen: input.linkbacks ?? (!isPage && settings.discussion.linkbacksOpenByDefault),
        linkbacksCloseAt: null,
        trackbackTo: input.trackbackTo,
        unpublishAt: input.unpublishAt ?? null,
        linkbacksSend: input.sendLinkbacks,
      },
      stamp,
    );
    if (bylineIds.length > 1) await repos.articles.setBylines(created.id, bylineIds);
    const termIds = await termIdsFor(repos, input.categories, input.tags);
    await repos.terms.attach(created.id, termIds);
    await attachArticleMedia(repos, created.id, media.value);
    const terms = (await repos.terms.forArticles([created.id])).get(created.id) ?? [];
    await repos.revisions.add(
      {
        articleId: created.id,
        editorId: input.authorId,
        reason: 'create',
        changed: [],
        snapshot: snapshotOf(created, terms, bylineIds),
      },
      stamp,
    );
    if (status === 'scheduled' && publishedAt) {
      await enqueue({
        task: PUBLISH_TASK,
        payload: { articleId: created.id },
        runAt: publishedAt,
        dedupeKey: `${PUBLISH_TASK}:${created.id}`,
      });
    }
    if (status === 'published') {
      await emit({
        type: 'article.published',
        articleId: created.id,
        kind: created.kind,
        actorId: input.authorId,
        at: now,
        url: articleUrl(deps, created),
      });
    }
    return { ...created, featuredMediaId: media.value.featured?.id ?? null };
  });
  return ok({ article, url: articleUrl(deps, article) });
}
