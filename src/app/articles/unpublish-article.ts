/**
 * Unpublishing: a published (or scheduled) article goes back to draft. One that had been public
 * then answers 410 Gone at its URL until it is published again; its discussion is kept.
 */
import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import type { TxContext, Repositories } from '../ports.js';
import { articleUrl } from './create-article.js';
import type { ArticleEventSubscriber } from './events.js';

export const UNPUBLISH_TASK = 'unpublish-article';

export interface LifecycleRequest {
  readonly articleId: number;
  /** Who asks; null for the system or an operator without an account. */
  readonly actorId: number | null;
}

type UrlDeps = Pick<AppDeps, 'siteUrl' | 'timezone'>;

/** Withdraws the article and emits `article.unpublished`; undefined when it was not live. */
async function withdraw(
  deps: UrlDeps,
  tx: TxContext<Repositories>,
  article: Article,
  actorId: number | null,
  now: Date,
): Promise<Article | undefined> {
  const withdrawn = await tx.repos.articles.markWithdrawn(article.id, now);
  if (!withdrawn) return undefined;
  await tx.emit({
    type: 'article.unpublished',
    articleId: withdrawn.id,
    kind: withdrawn.kind,
    actorId,
    at: now,
    url: articleUrl(deps, withdrawn),
  });
  return withdrawn;
}

export async function unpublishArticle(
  deps: Pick<AppDeps, 'uow' | 'clock' | 'siteUrl' | 'timezone'>,
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
          `article ${article.id} is in the trash; undelete it first to change it`,
        ),
      );
    }
    if (article.status === 'draft') {
      return err(failure('conflict', `article ${article.id} is a draft already`));
    }
    const withdrawn = await withdraw(deps, tx, article, req.actorId, now);
    // Another process unpublished it between the read and the write.
    if (!withdrawn) return err(failure('conflict', `article ${article.id} is a draft already`));
    return ok(withdrawn);
  });
}

const unpublishAtPayload = z.object({
  articleId: z.number().int().positive(),
  /** The unpublish-at time the job was queued for (ISO). */
  at: z.iso.datetime(),
});

/** The job payload for an article's unpublish-at time, and its dedupe key (the time included). */
export function unpublishAtJob(articleId: number, at: Date) {
  const iso = at.toISOString();
  return {
    task: UNPUBLISH_TASK,
    payload: { articleId, at: iso },
    runAt: at,
    dedupeKey: `${UNPUBLISH_TASK}:${articleId}:${iso}`,
  };
}

/**
 * The job that takes an article down at its unpublish-at time. Safe to run any number of times
 * and on any number of workers: it acts only while the article is live and still asks to come
 * down at exactly the job's time (an editor who moved the time queued another job, which acts
 * instead), and the withdrawal itself is a conditional update, so two runs withdraw once.
 */
export async function unpublishAtItsTime(
  deps: Pick<AppDeps, 'uow' | 'clock' | 'logger' | 'siteUrl' | 'timezone'>,
  payload: unknown,
): Promise<'unpublished' | 'not-due' | 'nothing-to-do'> {
  const { articleId, at } = unpublishAtPayload.parse(payload);
  const now = deps.clock();
  return deps.uow.run(async (tx) => {
    const article = await tx.repos.articles.findById(articleId);
    if (
      !article ||
      article.deletedAt ||
      article.status !== 'published' ||
      article.unpublishAt?.toISOString() !== at
    ) {
      return 'nothing-to-do';
    }
    if (article.unpublishAt.getTime() > now.getTime()) {
      // Run early (the queue's clock is ahead of ours): come back at the time.
      await tx.enqueue(unpublishAtJob(articleId, article.unpublishAt));
      return 'not-due';
    }
    const withdrawn = await withdraw(deps, tx, article, null, now);
    if (!withdrawn) return 'nothing-to-do';
    deps.logger.info({ articleId, at }, 'article unpublished at its time');
    return 'unpublished';
  });
}

/**
 * Queues the unpublish-at job whenever an article goes live or its unpublish-at time changes:
 * published now or by the scheduled job, edited, or restored from the trash (a time that passed
 * meanwhile runs at once).
 */
export const queueUnpublishAt: ArticleEventSubscriber = async (event, tx) => {
  const concerned =
    event.type === 'article.published' ||
    event.type === 'article.restored' ||
    (event.type === 'article.updated' && (event.changed ?? []).includes('unpublishAt'));
  if (!concerned) return;
  const article = await tx.repos.articles.findById(event.articleId);
  if (!article?.unpublishAt || article.status !== 'published' || article.deletedAt) return;
  await tx.enqueue(unpublishAtJob(article.id, article.unpublishAt));
};
