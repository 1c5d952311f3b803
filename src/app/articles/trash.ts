/**
 * The trash: a deleted article answers 410 Gone (if it had been public) and can be restored, in
 * the state it was in, for TRASH_DAYS; then the purge job removes it and, by cascade, its
 * discussion, terms and revisions. Until then nothing of it is destroyed.
 */
import { z } from 'zod';
import { TRASH_DAYS, type Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { purgeDueAt } from '../../domain/lifecycle.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import type { JobRequest } from '../ports.js';
import { articleUrl } from './create-article.js';
import type { ArticleEventSubscriber } from './events.js';
import type { LifecycleRequest } from './unpublish-article.js';

export const PURGE_TASK = 'purge-trashed-article';

type Deps = Pick<AppDeps, 'uow' | 'clock' | 'siteUrl' | 'timezone'>;

export async function deleteArticle(
  deps: Deps,
  req: LifecycleRequest,
): Promise<Result<Article, Failure>> {
  const now = deps.clock();
  return deps.uow.run(async (tx) => {
    const article = await tx.repos.articles.findById(req.articleId);
    if (!article) return err(failure('not_found', `no article with id ${req.articleId}`));
    if (article.deletedAt) {
      return err(
        failure(
          'conflict',
          `article ${article.id} is in the trash already (since ${article.deletedAt.toISOString()})`,
        ),
      );
    }
    const deleted = await tx.repos.articles.markDeleted(article.id, now);
    // Another process put it in the trash between the read and the write.
    if (!deleted) return err(failure('conflict', `article ${article.id} is in the trash already`));
    await tx.emit({
      type: 'article.deleted',
      articleId: article.id,
      kind: article.kind,
      actorId: req.actorId,
      at: now,
      url: articleUrl(deps, article),
    });
    return ok(deleted);
  });
}

export async function undeleteArticle(
  deps: Deps,
  req: LifecycleRequest,
): Promise<Result<Article, Failure>> {
  const now = deps.clock();
  return deps.uow.run(async (tx) => {
    const article = await tx.repos.articles.findById(req.articleId);
    if (!article) {
      return err(
        failure('not_found', `no article with id ${req.articleId} (purged, or never existed)`),
      );
    }
    const restored = article.deletedAt && (await tx.repos.articles.markUndeleted(article.id, now));
    if (!restored) return err(failure('conflict', `article ${article.id} is not in the trash`));
    await tx.emit({
      type: 'article.restored',
      articleId: restored.id,
      kind: restored.kind,
      actorId: req.actorId,
      at: now,
      url: articleUrl(deps, restored),
      from: 'trash',
    });
    return ok(restored);
  });
}

export interface TrashedArticle {
  readonly article: Article;
  readonly url: string;
  /** When the purge job removes it. */
  readonly purgeAt: Date;
  /** Days left before then, rounded up: 30 just after the deletion, 0 once it is due. */
  readonly daysLeft: number;
}

/** What is in the trash, most recently changed first. */
export async function listTrash(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'siteUrl' | 'timezone'>,
  limit = 100,
): Promise<TrashedArticle[]> {
  const now = deps.clock().getTime();
  const trashed = await deps.repos.articles.listAll(
    Math.min(Math.max(limit, 1), 10_000),
    undefined,
    'any',
    { trashed: true },
  );
  return trashed.flatMap((article) => {
    if (!article.deletedAt) return [];
    const purgeAt = purgeDueAt(article.deletedAt, TRASH_DAYS);
    const daysLeft = Math.max(0, Math.ceil((purgeAt.getTime() - now) / 86_400_000));
    return [{ article, url: articleUrl(deps, article), purgeAt, daysLeft }];
  });
}

/** The purge job for an article deleted at `deletedAt`: one waiting job per article. */
export function purgeJob(articleId: number, deletedAt: Date): JobRequest {
  return {
    task: PURGE_TASK,
    payload: { articleId },
    runAt: purgeDueAt(deletedAt, TRASH_DAYS),
    dedupeKey: `${PURGE_TASK}:${articleId}`,
  };
}

/** On `article.deleted`, queues the purge for when the article's time in the trash is up. */
export const queuePurgeOnDelete: ArticleEventSubscriber = async (event, tx) => {
  if (event.type === 'article.deleted') await tx.enqueue(purgeJob(event.articleId, event.at));
};

const purgePayload = z.object({ articleId: z.number().int().positive() });

/** Overdue articles the job also sweeps, in case a purge job was lost (a restored backup). */
const SWEEP = 50;

/**
 * The purge job. Idempotent: an article restored from the trash, already purged, or deleted
 * again since (its newer job is due later) is left alone. Each run also purges up to SWEEP other
 * articles whose time in the trash is up.
 */
export async function purgeTrashedArticle(
  deps: Pick<AppDeps, 'uow' | 'clock' | 'logger'>,
  payload: unknown,
): Promise<{ purged: number[] }> {
  const { articleId } = purgePayload.parse(payload);
  const now = deps.clock();
  const cutoff = new Date(now.getTime() - TRASH_DAYS * 86_400_000);
  return deps.uow.run(async ({ repos }) => {
    const due = new Set(await repos.articles.trashedBefore(new Date(cutoff.getTime() + 1), SWEEP));
    const own = await repos.articles.findById(articleId);
    if (own?.deletedAt && own.deletedAt.getTime() <= cutoff.getTime()) due.add(own.id);
    const purged = [...due].sort((a, b) => a - b);
    for (const id of purged) await repos.articles.purge(id);
    if (purged.length > 0) deps.logger.info({ purged }, 'trashed articles purged');
    return { purged };
  });
}
