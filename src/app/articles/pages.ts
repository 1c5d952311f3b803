/**
 * Pages (About, Corrections policy, Contact): articles of kind 'page' at `/slug/`, outside every
 * listing, their discussion closed unless the editor opens it.
 */
import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { slugify } from '../../domain/slug.js';
import type { AppDeps } from '../deps.js';
import { articleUrl, createArticle, inputFailure, type CreatedArticle } from './create-article.js';
import { RESERVED_PAGE_SLUGS } from './slugs.js';
import { updateArticle, type UpdatedArticle } from './update-article.js';

const slugInput = z
  .string()
  .trim()
  .min(1, 'the slug is empty')
  .max(200, 'the slug is longer than 200 characters');

/**
 * An explicit slug is the editor's choice: refused when it names one of the site's own routes or
 * is taken, rather than quietly changed (a title's slug is made unique instead).
 */
async function checkWantedSlug(
  repos: AppDeps['repos'],
  raw: string,
  ownId?: number,
): Promise<Result<string, Failure>> {
  const parsed = slugInput.safeParse(raw);
  if (!parsed.success) return err(inputFailure(parsed.error));
  // slugify gives 'untitled' for input with no letters or digits: say so instead.
  if (!/[a-z0-9]/i.test(parsed.data.normalize('NFKD'))) {
    return err(failure('invalid_input', `slug: "${raw}" has no letters or digits`));
  }
  const slug = slugify(parsed.data);
  if (RESERVED_PAGE_SLUGS.has(slug) || /^\d+$/.test(slug)) {
    return err(
      failure(
        'invalid_input',
        `slug: /${slug}/ is reserved for the site's own pages; pick another`,
      ),
    );
  }
  const holder = await repos.articles.findBySlug(slug);
  if (holder && holder.id !== ownId) {
    return err(failure('conflict', `slug: ${slug} is taken by article ${holder.id}`));
  }
  return ok(slug);
}

export interface CreatePageInput {
  readonly title: string;
  readonly bodyMarkdown: string;
  readonly authorId: number;
  readonly slug?: string;
  /** True: published now; false: a draft. */
  readonly publish: boolean;
  readonly comments?: boolean;
  readonly linkbacks?: boolean;
  readonly publishedAt?: Date;
}

export async function createPage(
  deps: AppDeps,
  input: CreatePageInput,
): Promise<Result<CreatedArticle, Failure>> {
  let slug: string | undefined;
  if (input.slug !== undefined) {
    const checked = await checkWantedSlug(deps.repos, input.slug);
    if (!checked.ok) return checked;
    slug = checked.value;
  }
  return createArticle(deps, {
    kind: 'page',
    title: input.title,
    bodyMarkdown: input.bodyMarkdown,
    authorId: input.authorId,
    publish: input.publish ? { kind: 'now' } : { kind: 'draft' },
    ...(slug === undefined ? {} : { slug }),
    ...(input.comments === undefined ? {} : { comments: input.comments }),
    ...(input.linkbacks === undefined ? {} : { linkbacks: input.linkbacks }),
    ...(input.publishedAt === undefined ? {} : { publishedAt: input.publishedAt }),
  });
}

const pageUpdateInput = z.object({
  articleId: z.number().int().positive(),
  editorId: z.number().int().positive(),
  title: z.string().trim().min(1, 'a title is required').max(300).optional(),
  bodyMarkdown: z.string().max(2_000_000, 'the body is larger than 2 MB').optional(),
  slug: z.string().optional(),
  /** The revision the edit starts from: re-checked under the row lock (a conflict if saved since). */
  expectedRevision: z.number().int().positive().optional(),
});
export type PageUpdateInput = z.input<typeof pageUpdateInput>;

/**
 * A page's title, body and slug, through the one article save (revision, old path answering 301,
 * `article.updated`); refuses articles and reserved slugs.
 */
export async function updatePage(
  deps: AppDeps,
  raw: PageUpdateInput,
): Promise<Result<UpdatedArticle, Failure>> {
  const parsed = pageUpdateInput.safeParse(raw);
  if (!parsed.success) return err(inputFailure(parsed.error));
  const input = parsed.data;
  const current = await deps.repos.articles.findById(input.articleId);
  if (!current) return err(failure('not_found', `no page with id ${input.articleId}`));
  if (current.kind !== 'page') {
    return err(
      failure(
        'invalid_input',
        `article ${current.id} is an article, not a page: use article update`,
      ),
    );
  }
  if (current.deletedAt) {
    return err(failure('conflict', `page ${current.id} is in the trash; undelete it first`));
  }
  let slug: string | undefined;
  if (input.slug !== undefined) {
    const checked = await checkWantedSlug(deps.repos, input.slug, current.id);
    if (!checked.ok) return checked;
    slug = checked.value;
  }
  return updateArticle(deps, {
    articleId: current.id,
    editorId: input.editorId,
    changes: {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.bodyMarkdown === undefined ? {} : { bodyMarkdown: input.bodyMarkdown }),
      ...(slug === undefined ? {} : { slug }),
    },
    ...(input.expectedRevision === undefined ? {} : { expectedRevision: input.expectedRevision }),
  });
}

export interface PageListing {
  readonly article: Article;
  readonly url: string;
}

/** Every page not in the trash, most recently changed first. */
export async function listPages(
  deps: Pick<AppDeps, 'repos' | 'siteUrl' | 'timezone'>,
  limit = 500,
): Promise<PageListing[]> {
  const pages = await deps.repos.articles.listAll(
    Math.min(Math.max(limit, 1), 10_000),
    undefined,
    'page',
  );
  return pages.map((article) => ({ article, url: articleUrl(deps, article) }));
}
