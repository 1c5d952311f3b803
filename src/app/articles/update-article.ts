/**
 * Editing an article: any field, one revision per save that changes something, the old permalink
 * kept answering 301 when a published article's slug or date moves, and one event when the
 * article is live. Restoring a revision goes through the same save (revisions.ts).
 */
import { z } from 'zod';
import { isLive, type Article, type Term } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import {
  changedFields,
  type ArticleSnapshot,
  type Revision,
  type RevisionReason,
  type SnapshotField,
} from '../../domain/revision.js';
import { slugify } from '../../domain/slug.js';
import type { AppDeps } from '../deps.js';
import type { Repositories, TxContext } from '../ports.js';
import { ensureTerms } from './article-terms.js';
import { articlePath, articleUrl, inputFailure, PUBLISH_TASK } from './create-article.js';
import { makeExcerpt } from './excerpt.js';
import type { ArticleFields } from './ports.js';
import { uniqueSlug } from './slugs.js';
import { storedSnapshot } from './snapshot.js';

const publishChange = z.discriminatedUnion('kind', [
  /** Publish a draft or a scheduled article now (a published one stays as it is). */
  z.object({ kind: z.literal('now') }),
  /** The publication time: in the future schedules, in the past publishes with that date. */
  z.object({ kind: z.literal('at'), at: z.date() }),
]);

/** The fields an edit may change; an absent field keeps its value. */
export const articleChanges = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(300).optional(),
    slug: z.string().trim().min(1, 'a slug cannot be empty').max(200).optional(),
    bodyMarkdown: z.string().max(2_000_000, 'the body is larger than 2 MB').optional(),
    standfirst: z.string().trim().max(1000).optional(),
    /** Empty: made from the body again. */
    excerpt: z.string().trim().max(1000).optional(),
    categories: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    /** User ids of the bylines, in order; the first is the article's author. */
    bylines: z
      .array(z.number().int().positive())
      .min(1, 'an article needs at least one byline')
      .max(20)
      .optional(),
    commentsOpen: z.boolean().optional(),
    commentsCloseAt: z.date().nullable().optional(),
    linkbacksOpen: z.boolean().optional(),
    linkbacksCloseAt: z.date().nullable().optional(),
    publish: publishChange.optional(),
    unpublishAt: z.date().nullable().optional(),
    trackbackTo: z
      .array(z.url({ protocol: /^https?$/ }))
      .max(20)
      .optional(),
    sendLinkbacks: z.boolean().optional(),
  })
  .strict();
export type ArticleChanges = z.input<typeof articleChanges>;

export const updateArticleInput = z.object({
  articleId: z.number().int().positive(),
  /** Who saves: the revision's editor and the event's actor. */
  editorId: z.number().int().positive(),
  changes: articleChanges,
  /** The revision the editor started from: a save over a newer one is refused (`conflict`). */
  expectedRevision: z.number().int().positive().optional(),
  /** A typo fix: the revision is kept, but the article's public modification date is not moved. */
  silent: z.boolean().default(false),
});
export type UpdateArticleInput = z.input<typeof updateArticleInput>;

export interface UpdatedArticle {
  readonly article: Article;
  readonly url: string;
  /** What the save changed; empty: nothing did, and no revision was added. */
  readonly changed: readonly SnapshotField[];
  readonly revision: Revision | null;
  /** The permalink the article had before, now answering 301 to `url`. */
  readonly oldUrl?: string;
}

/** A refusal found inside the transaction: thrown to roll it back, returned as a value. */
export class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** A save that changes nothing: thrown to roll back what it wrote on the way. */
class NoChange extends Error {
  constructor(readonly article: Article) {
    super('no change');
  }
}

export async function updateArticle(
  deps: AppDeps,
  raw: UpdateArticleInput,
): Promise<Result<UpdatedArticle, Failure>> {
  const parsed = updateArticleInput.safeParse(raw);
  if (!parsed.success) return err(inputFailure(parsed.error));
  const { changes, ...save } = parsed.data;
  return saveArticle(deps, { ...save, reason: 'edit', plan: () => changes });
}

export interface SaveRequest {
  readonly articleId: number;
  readonly editorId: number;
  readonly expectedRevision?: number;
  readonly silent: boolean;
  readonly reason: RevisionReason;
  /** The changes to make, decided on the article as locked for the save. */
  plan(
    before: Article,
    snapshot: ArticleSnapshot,
    now: Date,
  ): z.output<typeof articleChanges> | Failure;
}

/** The one save path of edits and restores (and of corrections' revisions: see correct-article). */
export async function saveArticle(
  deps: AppDeps,
  req: SaveRequest,
): Promise<Result<UpdatedArticle, Failure>> {
  const now = deps.clock();
  try {
    return ok(await deps.uow.run((tx) => save(deps, tx, req, now)));
  } catch (error) {
    if (error instanceof Refusal) return err(error.failure);
    if (error instanceof NoChange) {
      return ok({
        article: error.article,
        url: articleUrl(deps, error.article),
        changed: [],
        revision: null,
      });
    }
    throw error;
  }
}

/** The article, locked, refused when missing or in the trash, and checked against a stale save. */
export async function lockArticle(
  repos: Repositories,
  articleId: number,
  expectedRevision: number | undefined,
): Promise<Article> {
  const before = await repos.articles.findForUpdate(articleId);
  if (!before) throw new Refusal(failure('not_found', `no article with id ${articleId}`));
  if (before.deletedAt) {
    throw new Refusal(
      failure(
        'gone',
        `article ${articleId} is in the trash; undelete it first (newsdesk article undelete ${articleId})`,
      ),
    );
  }
  if (expectedRevision !== undefined) {
    const latest = (await repos.revisions.latest(articleId))?.number ?? 0;
    if (latest !== expectedRevision) {
      throw new Refusal(
        failure(
          'conflict',
          `article ${articleId} was saved since revision ${expectedRevision} (it is at revision ${latest}); look at the new revision and save again`,
        ),
      );
    }
  }
  return before;
}

/** Runs `work` as a refusal-aware step outside saveArticle (corrections use it). */
export async function refusalsAsFailures<T>(work: () => Promise<T>): Promise<Result<T, Failure>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof Refusal) return err(error.failure);
    throw error;
  }
}

const isFailure = (v: unknown): v is Failure =>
  typeof v === 'object' && v !== null && 'code' in v && 'message' in v;

const refuse = (field: string, message: string): never => {
  throw new Refusal(failure('invalid_input', `${field}: ${message}`));
};

async function save(
  deps: AppDeps,
  { repos, enqueue, emit }: TxContext<Repositories>,
  req: SaveRequest,
  now: Date,
): Promise<UpdatedArticle> {
  const before = await lockArticle(repos, req.articleId, req.expectedRevision);
  const id = before.id;
  const beforeSnap = await storedSnapshot(repos, before);
  const planned = req.plan(before, beforeSnap, now);
  if (isFailure(planned)) throw new Refusal(planned);
  const c = planned;

  const slug = c.slug === undefined ? before.slug : await checkedSlug(repos, before, c.slug);
  const bodyHtml =
    c.bodyMarkdown === undefined ? before.bodyHtml : deps.markup.article(c.bodyMarkdown);
  const ownExcerpt = c.excerpt ?? beforeSnap.excerpt;

  let status = before.status;
  let publishedAt = before.publishedAt;
  if (c.publish?.kind === 'now' && status !== 'published') {
    status = 'published';
    // Taken down and put back: it returns under the permalink (and date) it had.
    const keep = before.withdrawnAt && before.publishedAt && before.publishedAt <= now;
    publishedAt = keep ? before.publishedAt : now;
  } else if (c.publish?.kind === 'at') {
    const future = c.publish.at.getTime() > now.getTime();
    if (future && before.status === 'published') {
      refuse(
        'publish.at',
        'a published article cannot be moved into the future; unpublish it first, then schedule it',
      );
    }
    status = future ? 'scheduled' : 'published';
    publishedAt = c.publish.at;
  }

  const unpublishAt = c.unpublishAt === undefined ? before.unpublishAt : c.unpublishAt;
  if (unpublishAt && c.unpublishAt !== undefined) {
    if (unpublishAt.getTime() <= now.getTime()) refuse('unpublishAt', 'must be in the future');
    if (publishedAt && unpublishAt.getTime() <= publishedAt.getTime()) {
      refuse('unpublishAt', 'must be after the publication time');
    }
  } else if (unpublishAt && publishedAt && unpublishAt.getTime() <= publishedAt.getTime()) {
    refuse('publish.at', 'must be before the article is due to come down (its unpublishAt)');
  }

  const bylines = c.bylines ? [...new Set(c.bylines)] : undefined;
  if (bylines) {
    const users = await repos.users.findByIds(bylines);
    const missing = bylines.find((uid) => !users.some((u) => u.id === uid));
    if (missing !== undefined) refuse('bylines', `no user with id ${missing}`);
  }

  const fields: ArticleFields = {
    kind: before.kind,
    slug,
    title: c.title ?? before.title,
    standfirst: c.standfirst ?? before.standfirst,
    bodySource: c.bodyMarkdown ?? before.bodySource,
    bodyHtml,
    excerpt: ownExcerpt || makeExcerpt(bodyHtml),
    status,
    publishedAt,
    authorId: bylines?.[0] ?? before.authorId,
    commentsOpen: c.commentsOpen ?? before.comments.open,
    commentsCloseAt: c.commentsCloseAt === undefined ? before.comments.closesAt : c.commentsCloseAt,
    linkbacksOpen: c.linkbacksOpen ?? before.linkbacks.open,
    linkbacksCloseAt:
      c.linkbacksCloseAt === undefined ? before.linkbacks.closesAt : c.linkbacksCloseAt,
    trackbackTo: c.trackbackTo ? [...new Set(c.trackbackTo)] : before.trackbackTo,
    unpublishAt,
    linkbacksSend: c.sendLinkbacks ?? before.linkbacksSend,
  };
  // A silent fix keeps the article's modification time, which the page shows as "Updated".
  await repos.articles.update(id, fields, req.silent ? before.updatedAt : now);
  if (bylines) await repos.articles.setBylines(id, bylines);
  if (c.categories || c.tags) await replaceTerms(repos, id, c.categories, c.tags);

  const after = await repos.articles.findById(id);
  if (!after) throw new Error(`article ${id} vanished inside its own transaction`);
  const afterSnap = await storedSnapshot(repos, after);
  const changed = changedFields(beforeSnap, afterSnap);
  if (changed.length === 0 && after.status === before.status) throw new NoChange(before);

  const oldPath = articlePath(deps, before);
  const moved =
    before.status === 'published' &&
    after.status === 'published' &&
    articlePath(deps, after) !== oldPath;
  if (moved) await repos.articles.recordOldPath(id, oldPath, now);

  const revision = await repos.revisions.add(
    { articleId: id, editorId: req.editorId, reason: req.reason, changed, snapshot: afterSnap },
    now,
  );

  if (
    after.status === 'scheduled' &&
    after.publishedAt &&
    (before.status !== 'scheduled' || before.publishedAt?.getTime() !== after.publishedAt.getTime())
  ) {
    // The same key as create-article's: a waiting job is moved to the new time, not doubled.
    await enqueue({
      task: PUBLISH_TASK,
      payload: { articleId: id },
      runAt: after.publishedAt,
      dedupeKey: `${PUBLISH_TASK}:${id}`,
    });
  }

  const url = articleUrl(deps, after);
  const base = { articleId: id, kind: after.kind, actorId: req.editorId, at: now, url };
  if (before.status !== 'published' && after.status === 'published') {
    await emit({ type: 'article.published', ...base });
  } else if (before.status === 'published' && isLive(after, now)) {
    await emit({ type: 'article.updated', ...base, changed, silent: req.silent });
  }
  return {
    article: after,
    url,
    changed,
    revision,
    ...(moved ? { oldUrl: `${deps.siteUrl}${oldPath}` } : {}),
  };
}

/** The editor's slug, normalised; refused when nothing is left or another article holds it. */
async function checkedSlug(repos: Repositories, article: Article, wanted: string) {
  if (!/[a-z0-9]/i.test(wanted)) refuse('slug', `needs letters or digits (got ${wanted})`);
  const base = slugify(wanted, 200);
  if (base === article.slug) return base;
  const free = await uniqueSlug(repos, base, article.kind, article.id);
  if (free !== base) {
    throw new Refusal(
      failure(
        'conflict',
        `slug ${base} is ${(await repos.articles.findBySlug(base)) ? 'taken by another article' : 'reserved'}`,
      ),
    );
  }
  return base;
}

/** Categories and tags the edit names replace the article's; a kind it leaves out stays. */
async function replaceTerms(
  repos: Repositories,
  articleId: number,
  categories: readonly string[] | undefined,
  tags: readonly string[] | undefined,
): Promise<void> {
  const current = (await repos.terms.forArticles([articleId])).get(articleId) ?? [];
  const keep = (kind: Term['kind']) => current.filter((t) => t.kind === kind).map((t) => t.id);
  const ids = [
    ...(categories ? await ensureTerms(repos, 'category', categories) : keep('category')),
    ...(tags ? await ensureTerms(repos, 'tag', tags) : keep('tag')),
  ];
  await repos.terms.replace(articleId, ids);
}
