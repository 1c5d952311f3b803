import { z } from 'zod';
import type { Article, TermKind } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { permalinkPath } from '../../domain/permalink.js';
import { err, ok, type Result } from '../../domain/result.js';
import { slugify } from '../../domain/slug.js';
import { cropAtWord, htmlToText } from '../../linkback/index.js';
import type { AppDeps } from '../deps.js';
import type { Repositories } from '../ports.js';
import { attachArticleMedia, resolveArticleMedia } from '../media/article-media.js';
import { loadSiteSettings } from '../site-settings.js';

export const PUBLISH_TASK = 'publish-article';

export const createArticleInput = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  bodyMarkdown: z.string().max(2_000_000, 'the body is larger than 2 MB'),
  authorId: z.number().int().positive(),
  categories: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  publish: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('draft') }),
    z.object({ kind: z.literal('now') }),
    z.object({ kind: z.literal('at'), at: z.date() }),
  ]),
  comments: z.boolean().optional(),
  linkbacks: z.boolean().optional(),
  excerpt: z.string().trim().max(1000).optional(),
  slug: z.string().trim().max(200).optional(),
  trackbackTo: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(20)
    .default([]),
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

async function uniqueSlug(repos: Repositories, base: string): Promise<string> {
  let candidate = base;
  for (let n = 2; await repos.articles.slugTaken(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** "News/Politics" files the article under Politics, a child of News. */
async function ensureTerms(repos: Repositories, kind: TermKind, names: readonly string[]) {
  const ids: number[] = [];
  for (const name of names) {
    const parts =
      kind === 'category'
        ? name
            .split('/')
            .map((p) => p.trim())
            .filter(Boolean)
        : [name];
    let parent: number | null = null;
    for (const part of parts) {
      const term = await repos.terms.ensure(kind, part, slugify(part), parent);
      parent = term.id;
    }
    if (parent !== null) ids.push(parent);
  }
  return ids;
}

/** The first words of a body as plain text, for listings and meta descriptions. */
export function makeExcerpt(html: string): string {
  return cropAtWord(htmlToText(html), 220);
}

export function articleUrl(deps: Pick<AppDeps, 'siteUrl' | 'timezone'>, a: Article): string {
  return `${deps.siteUrl}${permalinkPath(a.slug, a.publishedAt ?? a.createdAt, deps.timezone)}`;
}

export async function createArticle(
  deps: AppDeps,
  raw: CreateArticleInput,
): Promise<Result<CreatedArticle, Failure>> {
  const parsed = createArticleInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(failure('invalid_input', `${issue?.path.join('.') || 'input'}: ${issue?.message}`));
  }
  const input = parsed.data;
  const author = await deps.repos.users.findById(input.authorId);
  if (!author) return err(failure('invalid_input', `no user with id ${input.authorId}`));
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

  const article = await deps.uow.run(async ({ repos, enqueue }) => {
    const slug = await uniqueSlug(repos, slugify(input.slug || input.title));
    const created = await repos.articles.insert(
      {
        slug,
        title: input.title,
        bodySource: input.bodyMarkdown,
        bodyHtml,
        excerpt: input.excerpt || makeExcerpt(bodyHtml),
        status,
        publishedAt,
        authorId: author.id,
        commentsOpen: input.comments ?? settings.discussion.commentsOpenByDefault,
        commentsCloseAt: null,
        linkbacksOpen: input.linkbacks ?? settings.discussion.linkbacksOpenByDefault,
        linkbacksCloseAt: null,
        trackbackTo: input.trackbackTo,
      },
      stamp,
    );
    const termIds = [
      ...(await ensureTerms(repos, 'category', input.categories)),
      ...(await ensureTerms(repos, 'tag', input.tags)),
    ];
    await repos.terms.attach(created.id, termIds);
    await attachArticleMedia(repos, created.id, media.value);
    if (status === 'scheduled' && publishedAt) {
      await enqueue({
        task: PUBLISH_TASK,
        payload: { articleId: created.id },
        runAt: publishedAt,
        dedupeKey: `${PUBLISH_TASK}:${created.id}`,
      });
    }
    return { ...created, featuredMediaId: media.value.featured?.id ?? null };
  });
  return ok({ article, url: articleUrl(deps, article) });
}
